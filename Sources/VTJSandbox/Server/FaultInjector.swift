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
            if state.faults.errorRate > 0, state.random.chance(state.faults.errorRate) { return (latency, .serverError) }
            if state.faults.xRoadErrorRate > 0, state.random.chance(state.faults.xRoadErrorRate) {
                return (latency, .xRoadError(type: state.faults.xRoadErrorType))
            }
            return (latency, .none)
        }
    }

    /// Model-level faults: the answer as it is to be encoded, whatever the wire. None are defined
    /// yet; faults on content (conflicting duplicates, missing groups) belong here, so both wires get them.
    func apply(to answer: SandboxAnswer) -> SandboxAnswer {
        answer
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
