/// A drop's lifecycle as plain decisions: which journal moves are legal, and what a journal state
/// or the end of a walk asks the runtime to do next. Pure (no I/O, no clock): the runtime's one
/// executor (`DropExecutor`) performs the actions and logs every failure.
public enum DropLifecycle {
    /// What the runtime does with a claimed drop.
    public enum Action: Hashable, Sendable {
        /// Walk it (again): parse, query, publish.
        case walk
        /// Its result and receipt are out: move the input to the archive, then journal `archived`.
        case archive
        /// Refused (its receipt is out) or unanswerable: move the input to quarantine, then journal `quarantined`.
        case quarantine
        /// Keep it claimed with a pending note; walk it again after this long (monotonic).
        case retry(after: Duration)
        /// Keep it claimed with a pending note and no time: it goes when the interface (or intake) is back.
        case hold
    }

    /// Why a walk could not finish, as far as the lifecycle cares.
    public enum Wait: Hashable, Sendable {
        /// The interface refuses the appliance (credentials, licence): the operator must act.
        case interfaceRefuses
        /// The interface failed transiently.
        case interfaceUnavailable
        /// Set aside unstarted because the interface gate is closed.
        case interfaceClosed
        /// A local problem (a full or read-only outbox, a journal that cannot be written).
        case local
        /// The input was still being written; it is read again once quiet.
        case inputChanging
    }

    /// What a wait does to the interface gate.
    public enum GateEffect: Hashable, Sendable {
        /// Nothing: the problem is not the interface's.
        case none
        /// A failure of the interface; `stopsNewWork` closes the gate at once.
        case failure(stopsNewWork: Bool)
    }

    /// Whether the journal may move a drop from `from` to `to`.
    ///
    /// In the walk any step may fail for a retry, be refused, or end in quarantine (an
    /// unanswerable drop, or a quarantine move recovery finds done but not journaled); only a
    /// published drop is archived, only a refused one follows `refused`, and nothing leaves a
    /// finished state.
    public static func isLegal(from: DropState, to: DropState) -> Bool {
        switch (from, to) {
        case (.archived, _), (.quarantined, _): false
        case (.published, .archived): true
        case (.published, _): false
        case (.refused, .quarantined): true
        case (.refused, _): false
        case (_, .claimed): false
        case (_, .archived): false
        default: true
        }
    }

    /// What to do with a claimed drop whose journal state is `state` (nil: never journaled) when
    /// it is found in its work folder — after a restart, or at the end of a walk.
    public static func next(inState state: DropState?) -> Action {
        switch state {
        case .published?, .archived?: .archive
        case .refused?, .quarantined?: .quarantine
        default: .walk
        }
    }

    /// When a drop that waits is walked again: after `requested` (the input's quiet period, an
    /// interrupted walk's zero), or by ``Backoff/drop`` after `attempts` failures already on record.
    public static func retryDelay(attempts: Int, requested: Duration? = nil) -> Duration {
        requested ?? Backoff.drop.delay(afterFailures: attempts + 1)
    }

    /// What a wait does to the interface gate.
    public static func gateEffect(of wait: Wait) -> GateEffect {
        switch wait {
        case .interfaceRefuses: .failure(stopsNewWork: true)
        case .interfaceUnavailable: .failure(stopsNewWork: false)
        case .interfaceClosed, .local, .inputChanging: .none
        }
    }
}
