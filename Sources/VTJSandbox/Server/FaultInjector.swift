import Synchronization

/// Decides, per API request, which fault (if any) to serve; holds the run-time fault settings.
final class FaultInjector: Sendable {
    enum Action: Sendable, Equatable {
        case none
        case serverError
        case rateLimited(retryAfter: Int)
        case unavailable(retryAfter: Int)
        case notFound
    }

    private struct State {
        var faults: SandboxFaults
        var random: SeededGenerator
    }

    private let state: Mutex<State>

    init(faults: SandboxFaults, seed: UInt64) {
        state = Mutex(State(faults: faults, random: SeededGenerator(seed: seed, stream: 0xFA17)))
    }

    var faults: SandboxFaults {
        get { state.withLock { $0.faults } }
    }

    func set(_ faults: SandboxFaults) { state.withLock { $0.faults = faults } }

    func update(_ body: (inout SandboxFaults) -> Void) { state.withLock { body(&$0.faults) } }

    /// Latency and the status-level fault for one request (counts down `…Next`).
    func decide() -> (latencyMs: Int, action: Action) {
        state.withLock { state in
            let latency = state.faults.latencyMs
            if state.faults.rateLimitNext > 0 {
                state.faults.rateLimitNext -= 1
                return (latency, .rateLimited(retryAfter: state.faults.retryAfterSeconds))
            }
            if state.faults.unavailableNext > 0 {
                state.faults.unavailableNext -= 1
                return (latency, .unavailable(retryAfter: state.faults.retryAfterSeconds))
            }
            if state.faults.notFoundNext > 0 {
                state.faults.notFoundNext -= 1
                return (latency, .notFound)
            }
            if state.faults.errorNext > 0 {
                state.faults.errorNext -= 1
                return (latency, .serverError)
            }
            if state.faults.rateLimitRate > 0, state.random.chance(state.faults.rateLimitRate) {
                return (latency, .rateLimited(retryAfter: state.faults.retryAfterSeconds))
            }
            if state.faults.unavailableRate > 0, state.random.chance(state.faults.unavailableRate) {
                return (latency, .unavailable(retryAfter: state.faults.retryAfterSeconds))
            }
            if state.faults.notFoundRate > 0, state.random.chance(state.faults.notFoundRate) { return (latency, .notFound) }
            if state.faults.errorRate > 0, state.random.chance(state.faults.errorRate) { return (latency, .serverError) }
            return (latency, .none)
        }
    }

    /// Whether this basic-data request is to be refused with a `virhe` quoting its first hetu.
    func shouldRejectQuoting() -> Bool {
        state.withLock { state in
            guard state.faults.rejectQuotingNext > 0 else { return false }
            state.faults.rejectQuotingNext -= 1
            return true
        }
    }

    /// What becomes of one person of a basic-data answer (applied to the answer model, so every
    /// wire encodes the same fault).
    enum PersonFault: Sendable, Equatable { case none, contradict, dropTurvakielto }

    func personFault() -> PersonFault {
        state.withLock { state in
            if state.faults.contradictRate > 0, state.random.chance(state.faults.contradictRate) { return .contradict }
            if state.faults.dropTurvakieltoRate > 0, state.random.chance(state.faults.dropTurvakieltoRate) { return .dropTurvakielto }
            return .none
        }
    }

    /// Whether this 200 response's body is to be cut short.
    func shouldTruncate() -> Bool {
        state.withLock { state in
            if state.faults.truncateNext > 0 {
                state.faults.truncateNext -= 1
                return true
            }
            return state.faults.truncateRate > 0 && state.random.chance(state.faults.truncateRate)
        }
    }
}
