import Synchronization
import VTJCore

/// What the answers of one basic-data call said besides their persons (the SOAP wire): persons
/// answered without data, passive henkilötunnus with their active successors, and the groups the
/// answers carried. Messages run in parallel, so it is shared behind a lock.
final class MessageOutcomes: Sendable {
    private struct State {
        var undelivered: [UndeliveredPerson] = []
        var redirects: [(asked: String, active: String)] = []
        var carried: Set<GroupName>?
        var withoutBanFlag = 0
    }

    private let state = Mutex(State())

    init() {}

    /// Adds one message's answer; `redacting` removes the password from the interface's texts.
    func add(_ answer: HetuAnswer, redacting: (String) -> String) {
        state.withLock { state in
            state.undelivered += answer.undelivered.map {
                UndeliveredPerson(hetu: $0.hetu, status: $0.status, reason: redacting($0.reason))
            }
            state.redirects += answer.redirects
            if let carried = answer.carriedGroups { state.carried = (state.carried ?? []).union(carried) }
            state.withoutBanFlag += answer.withoutBanFlag
        }
    }

    /// Adds one person answered without data.
    func add(_ person: UndeliveredPerson) { state.withLock { $0.undelivered.append(person) } }

    var undelivered: [UndeliveredPerson] { state.withLock { $0.undelivered } }
    var redirects: [(asked: String, active: String)] { state.withLock { $0.redirects } }
    /// The union of the groups the answers carried; nil when no answer said (the REST wires).
    var carried: Set<GroupName>? { state.withLock { $0.carried } }

    /// What the department should read in the receipt about these answers, one line each.
    var notes: [Message] {
        let missing = state.withLock { $0.withoutBanFlag }
        guard missing > 0 else { return [] }
        return [Message(.noteBanFlagMissing, ["count": .count(missing)])]
    }
}
