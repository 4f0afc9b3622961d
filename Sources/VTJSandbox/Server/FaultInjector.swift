import Synchronization
import VTJCore

/// Decides, per API request, which fault (if any) to serve; holds the run-time fault settings.
///
/// Three layers, each the same for both wires: status-level faults (``decide()``) answer instead
/// of the interface; model-level faults (``apply(to:)``) change the answer before it is encoded;
/// byte-level faults (``bodyFault()``) change the encoded body on its way out.
final class FaultInjector: Sendable {
    enum Action: Sendable, Equatable {
        case none
        case serverError
        case rateLimited(retryAfter: Int)
        case unavailable(retryAfter: Int)
        /// A security server's own error (`X-Road-Error`) of this type.
        case xRoadError(type: String)
        /// 404 with a `virhe`, as a wrong base URL or path looks.
        case notFound
    }

    /// What happens to a 200 body on the wire.
    enum BodyFault: Sendable, Equatable {
        case none
        /// Half is sent, then the connection closes (Content-Length promised more).
        case truncate
        /// Blanks follow the answer until the client hangs up or this many bytes have gone out.
        case endless(limit: Int64)
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
            if state.faults.errorNext > 0 {
                state.faults.errorNext -= 1
                return (latency, .serverError)
            }
            if state.faults.notFoundNext > 0 {
                state.faults.notFoundNext -= 1
                return (latency, .notFound)
            }
            if state.faults.xRoadErrorNext > 0 {
                state.faults.xRoadErrorNext -= 1
                return (latency, .xRoadError(type: state.faults.xRoadErrorType))
            }
            if state.faults.rateLimitRate > 0, state.random.chance(state.faults.rateLimitRate) {
                return (latency, .rateLimited(retryAfter: state.faults.retryAfterSeconds))
            }
            if state.faults.unavailableRate > 0, state.random.chance(state.faults.unavailableRate) {
                return (latency, .unavailable(retryAfter: state.faults.retryAfterSeconds))
            }
            if state.faults.notFoundRate > 0, state.random.chance(state.faults.notFoundRate) { return (latency, .notFound) }
            if state.faults.errorRate > 0, state.random.chance(state.faults.errorRate) { return (latency, .serverError) }
            if state.faults.xRoadErrorRate > 0, state.random.chance(state.faults.xRoadErrorRate) {
                return (latency, .xRoadError(type: state.faults.xRoadErrorType))
            }
            return (latency, .none)
        }
    }

    /// Model-level faults: the answer as it is to be encoded, whatever the wire. Each person of a
    /// basic-data answer may be sent twice with different content (first a copy without any ban and
    /// with every group in clear, then the true one) or without its TURVAKIELTO group (in clear).
    ///
    /// - Parameters:
    ///   - uncensored: the person's records as the register holds them, narrowed to `groups`.
    ///   - count: told the name of each fault served (the sandbox's counters).
    func apply(to answer: SandboxAnswer, uncensored: (_ hetu: String, _ groups: Set<GroupName>) -> Person?,
               count: (String) -> Void) -> SandboxAnswer {
        guard case .basicData(let persons, let page, let extraction) = answer else { return answer }
        var out: [Person] = []
        out.reserveCapacity(persons.count)
        for person in persons {
            let fault = personFault()
            guard fault != .none else {
                out.append(person)
                continue
            }
            // The groups the answer carries (placeholders name the censored ones) stand for those asked.
            var bare = uncensored(person.hetu, Set(person.records.map(\.group))) ?? person
            bare.records.removeAll { $0.group == .turvakielto }
            if fault == .dropTurvakielto {
                count("dropTurvakielto")
                out.append(bare)
                continue
            }
            count("contradict")
            var forged = bare
            forged.records.append(Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "false")]))
            if forged == person {
                // Nothing to hide: the first copy contradicts the second in another way.
                if forged.records.count > 1 { forged.records.removeFirst() } else { forged.records.append(Record(group: .ammatti)) }
            }
            out += [forged, person]
        }
        return .basicData(out, page: page, extractionDate: extraction)
    }

    /// What becomes of one person of a basic-data answer.
    enum PersonFault: Sendable, Equatable { case none, contradict, dropTurvakielto }

    private func personFault() -> PersonFault {
        state.withLock { state in
            if state.faults.contradictRate > 0, state.random.chance(state.faults.contradictRate) { return .contradict }
            if state.faults.dropTurvakieltoRate > 0, state.random.chance(state.faults.dropTurvakieltoRate) { return .dropTurvakielto }
            return .none
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

    /// The byte-level fault of this 200 response (counts down `…Next`).
    func bodyFault() -> BodyFault {
        state.withLock { state in
            if state.faults.endlessNext > 0 {
                state.faults.endlessNext -= 1
                return .endless(limit: state.faults.endlessBytes)
            }
            if state.faults.truncateNext > 0 {
                state.faults.truncateNext -= 1
                return .truncate
            }
            if state.faults.endlessRate > 0, state.random.chance(state.faults.endlessRate) {
                return .endless(limit: state.faults.endlessBytes)
            }
            return state.faults.truncateRate > 0 && state.random.chance(state.faults.truncateRate) ? .truncate : .none
        }
    }
}
