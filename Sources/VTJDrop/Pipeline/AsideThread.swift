import Foundation
import Synchronization
import VTJClient

/// Runs blocking work — reading and parsing a dropped file — on a thread of its own.
///
/// A large or hostile file costs CPU seconds, which must not hold the few cooperative threads the
/// daemon loop and every other drop run on (a 150,000-attribute request kept another department's
/// drop unclaimed for 46 s), nor wait behind a busy dispatch pool. Cancellation (a stop) does not
/// wait for the work: its result is dropped and the drop resumes at the next start. The thread is
/// one of `threads` (``OwnThreads``): joined as soon as its result is in, or, when a stop left it
/// running, once it has ended (at the latest before the program exits).
enum AsideThread {
    /// The work's result, or `CancellationError` once the calling task is cancelled.
    static func run<T: Sendable>(among threads: OwnThreads, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let handoff = Handoff<T>()
        let started = StartedThread()
        // The drop's priority: a large list's parse below a small drop's steps.
        let priority = ThreadPriority.current
        do {
            let value = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    handoff.wait(continuation)
                    let handle = threads.start {
                        KernelThreadName.set("vtjdrop-read")
                        BulkThreads.shared.run(as: priority) { handoff.deliver(Result { try work() }) }
                    }
                    // The system refuses another thread: the work runs here, holding this thread meanwhile.
                    guard let handle else { return handoff.deliver(Result { try work() }) }
                    started.started(handle, among: threads)
                }
            } onCancel: {
                handoff.deliver(.failure(CancellationError()))
            }
            started.end(among: threads)
            return value
        } catch {
            started.end(among: threads)
            throw error
        }
    }
}

/// The thread an ``AsideThread/run(among:_:)`` started: joined when its result is in (only its own
/// cleanup is left then), released to ``OwnThreads`` when a cancellation came first (it may run on).
/// The result can be in before the handle is stored (a quick read): whichever of the two comes second
/// settles the thread, so it is settled exactly once.
private final class StartedThread: Sendable {
    private enum Settlement { case join, release }

    private let state = Mutex<(handle: OwnThreads.Handle?, settlement: Settlement?)>((nil, nil))

    func started(_ handle: OwnThreads.Handle, among threads: OwnThreads) {
        let settlement = state.withLock { state -> Settlement? in
            state.handle = handle
            return state.settlement
        }
        if let settlement { Self.settle(handle, settlement, threads) }
    }

    func end(among threads: OwnThreads) {
        let settlement: Settlement = Task.isCancelled ? .release : .join
        let handle = state.withLock { state -> OwnThreads.Handle? in
            state.settlement = settlement
            return state.handle
        }
        if let handle { Self.settle(handle, settlement, threads) }
    }

    private static func settle(_ handle: OwnThreads.Handle, _ settlement: Settlement, _ threads: OwnThreads) {
        switch settlement {
        case .join: threads.join(handle)
        case .release: threads.release(handle)
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
