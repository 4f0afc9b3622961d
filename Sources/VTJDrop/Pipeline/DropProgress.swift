import Synchronization

/// Messages planned and answered since start, and henkilötunnus answered: what a terminal's
/// progress line shows during `run --once` and `demo`. Counts only, never a hetu.
package final class DropProgress: Sendable {
    /// A reading of the counters.
    package struct Reading: Sendable, Hashable {
        package var messagesPlanned = 0
        package var messagesDone = 0
        package var hetusPlanned = 0
        package var hetusDone = 0
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
    package var reading: Reading { counts.withLock { $0 } }
}
