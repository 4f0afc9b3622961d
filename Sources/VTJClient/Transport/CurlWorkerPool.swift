import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads, each owning one ``CurlHandle`` for its whole life.
///
/// libcurl's easy interface blocks, so transfers (and the parsing of their bodies) run here rather
/// than on Swift's cooperative pool, which has one thread per core. Keeping each handle on its
/// own thread is also what keeps connections alive between calls.
final class CurlWorkerPool: Sendable {
    private struct Queue {
        var jobs: [@Sendable (CurlHandle?) -> Void] = []
        var next = 0
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)
    let size: Int

    init(size: Int, name: String = "vtj-curl") {
        self.size = max(1, size)
        for index in 0..<self.size {
            let thread = Thread { [self] in workerLoop() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `work` on a worker with that worker's handle; `cancellation` is set when the task is cancelled.
    func run<T: Sendable>(
        _ work: @escaping @Sendable (CurlHandle, CancellationFlag) throws -> T
    ) async throws -> T {
        let flag = CancellationFlag()
        let result: Result<T, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
                let job: @Sendable (CurlHandle?) -> Void = { handle in
                    guard let handle else {
                        continuation.resume(returning: .failure(HTTPTransportError.setup("no libcurl handle")))
                        return
                    }
                    if flag.isCancelled {
                        continuation.resume(returning: .failure(CancellationError()))
                        return
                    }
                    continuation.resume(returning: Result { try work(handle, flag) })
                }
                let accepted = queue.withLock { queue -> Bool in
                    guard !queue.closed else { return false }
                    queue.jobs.append(job)
                    return true
                }
                if accepted {
                    available.signal()
                } else {
                    continuation.resume(returning: .failure(HTTPTransportError.setup("the client was shut down")))
                }
            }
        } onCancel: {
            flag.cancel()
        }
        return try result.get()
    }

    /// Lets the workers finish queued jobs and exit.
    func shutdown() {
        let wasOpen = queue.withLock { queue -> Bool in
            defer { queue.closed = true }
            return !queue.closed
        }
        guard wasOpen else { return }
        for _ in 0..<size { available.signal() }
    }

    private func workerLoop() {
        let handle = try? CurlHandle()
        while true {
            available.wait()
            let job = queue.withLock { queue -> (@Sendable (CurlHandle?) -> Void)? in
                guard queue.next < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.next]
                queue.next += 1
                if queue.next > 64, queue.next * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.next)
                    queue.next = 0
                }
                return job
            }
            guard let job else { return }  // woken with nothing queued: shut down
            job(handle)
        }
    }
}
