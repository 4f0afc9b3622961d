import Foundation
import Synchronization
import VTJCore

extension ParsedDrop {
    /// Reads and parses a claimed file on a thread of its own.
    ///
    /// A large or hostile file costs CPU seconds, which must not hold the few cooperative threads
    /// the daemon loop and every other drop run on (a 150,000-attribute request kept another
    /// department's drop unclaimed for 46 s). Cancellation (a stop) does not wait for the parse:
    /// its result is dropped and the drop resumes at the next start.
    ///
    /// - Throws: ``DropReadError``, an intake error reading the file, or `CancellationError`.
    static func readAside(_ claimed: ClaimedFile, limit: Int64) async throws -> ParsedDrop {
        let handoff = Handoff<ParsedDrop>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                handoff.wait(continuation)
                // A thread of its own, not a pool's: a busy or blocked pool must not hold a drop back,
                // and a long parse must not hold a pool thread.
                let reader = Thread {
                    handoff.deliver(Result { try ParsedDrop.read(try claimed.readAll(limit: limit), fileName: claimed.originalName) })
                }
                reader.name = "vtjdrop-read"
                reader.start()
            }
        } onCancel: {
            handoff.deliver(.failure(CancellationError()))
        }
    }
}

/// Hands one result to one continuation, whichever of the two comes first; later results are dropped.
final class Handoff<Value: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Value, any Error>?, result: Result<Value, any Error>?, done: Bool)>(
        (nil, nil, false))

    func wait(_ continuation: CheckedContinuation<Value, any Error>) {
        let ready = state.withLock { state -> Result<Value, any Error>? in
            guard !state.done else { return nil }
            if let result = state.result {
                state.done = true
                return result
            }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func deliver(_ result: Result<Value, any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard !state.done, state.result == nil else { return nil }
            guard let continuation = state.continuation else {
                state.result = result
                return nil
            }
            state.done = true
            state.continuation = nil
            return continuation
        }
        waiting?.resume(with: result)
    }
}
