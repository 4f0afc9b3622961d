import Synchronization

/// Messages planned and answered since start, and henkilötunnus answered: what a terminal's
/// progress line shows during `run --once` and `demo`. Counts only, never a hetu.
public final class DropProgress: Sendable {
    /// A reading of the counters.
    public struct Reading: Sendable, Hashable {
        public var messagesPlanned = 0
        public var messagesDone = 0
        public var hetusPlanned = 0
        public var hetusDone = 0
    }

    private let counts = Mutex(Reading())

    init() {}

    /// `hetus` are about to be queried, `perMessage` to a message.
    func planned(hetus: Int, perMessage: Int) {
        guard hetus > 0 else { return }
        let messages = (hetus + max(1, perMessage) - 1) / max(1, perMessage)
        counts.withLock {
            $0.messagesPlanned += messages
            $0.hetusPlanned += hetus
        }
    }

    /// A message of `hetus` was answered.
    func answered(hetus: Int) {
        counts.withLock {
            $0.messagesDone += 1
            $0.hetusDone += hetus
        }
    }

    /// The counters now.
    public var reading: Reading { counts.withLock { $0 } }
}
