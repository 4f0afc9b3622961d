import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads, each owning one ``CurlHandle`` for its whole life, shared fairly between
/// the operations (drops) using the interface.
///
/// libcurl's easy interface blocks, so transfers (and the parsing of their bodies) run here rather
/// than on Swift's cooperative pool, which has one thread per core. Keeping each handle on its
/// own thread is also what keeps connections alive between calls.
///
/// Each client owns its pool (the daemon has one client). Its threads end when the client is gone:
/// the client's `deinit` shuts the pool, idle workers return at once and busy ones after their job;
/// each thread holds the pool until it returns (`CurlWorkerPoolLifetimeTests`).
///
/// Fair sharing (issue 15; docs/performance.md, "Sharing the interface"): every job belongs to an
/// owner (one drop's operation), and no owner runs more than `size` jobs at once. The pool keeps
/// `spare` workers beyond `size`, so a drop alone keeps its full `size` messages in flight while
/// another drop's message still finds a free worker at once; and a free worker takes the oldest
/// job of the owner running the fewest jobs, so a ten-person drop never queues behind a large
/// one's messages, and two large drops share the workers evenly.
final class CurlWorkerPool: Sendable {
    typealias Job = @Sendable (CurlHandle?) -> Void

    private struct Queue {
        var waiting: [(owner: Int, job: Job)] = []
        var running: [Int: Int] = [:]
        var idle: [Int] = []
        /// The job handed to each worker and its owner (nil once taken; a wake-up with none means shut down).
        var handed: [(owner: Int, job: Job)?]
        var closed = false

        /// Hands runnable jobs to idle workers; returns the workers to wake.
        mutating func dispatch(cap: Int) -> [Int] {
            var woken: [Int] = []
            while !idle.isEmpty {
                var best: Int?
                for index in waiting.indices {
                    let load = running[waiting[index].owner, default: 0]
                    guard load < cap else { continue }
                    if let chosen = best, running[waiting[chosen].owner, default: 0] <= load { continue }
                    best = index
                    if load == 0 { break }
                }
                guard let chosen = best else { break }
                let (owner, job) = waiting.remove(at: chosen)
                running[owner, default: 0] += 1
                let worker = idle.removeLast()
                handed[worker] = (owner, job)
                woken.append(worker)
            }
            return woken
        }

        /// A worker is done with `owner`'s job: it is idle again; returns the workers to wake (all
        /// the idle ones when the pool is shut and nothing waits, so that they exit).
        mutating func finished(owner: Int, worker: Int, cap: Int) -> [Int] {
            let left = running[owner, default: 1] - 1
            running[owner] = left > 0 ? left : nil
            idle.append(worker)
            let woken = dispatch(cap: cap)
            return closed && waiting.isEmpty ? woken + idle : woken
        }
    }

    private let queue: Mutex<Queue>
    private let wake: [DispatchSemaphore]
    /// Jobs one owner may run at once.
    private let cap: Int
    /// Worker threads (and so connections): `size` plus the spare ones.
    let size: Int

    /// - Parameters:
    ///   - size: the most jobs one owner runs at once (`vtj.parallelism`: one drop's messages in flight).
    ///   - spare: workers beyond that, kept for other owners' jobs.
    init(size: Int, spare: Int = 0, name: String = "vtj-curl") {
        self.cap = max(1, size)
        self.size = cap + max(0, spare)
        self.queue = Mutex(Queue(idle: Array((0..<self.size).reversed()), handed: Array(repeating: nil, count: self.size)))
        self.wake = (0..<self.size).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<self.size {
            let thread = Thread { [self] in workerLoop(index) }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `work` on a worker with that worker's handle; `cancellation` is set when the task is
    /// cancelled. Jobs of one `owner` share the pool fairly with other owners' (see the type).
    func run<T: Sendable>(
        owner: Int = 0,
        _ work: @escaping @Sendable (CurlHandle, CancellationFlag) throws -> T
    ) async throws -> T {
        let flag = CancellationFlag()
        let result: Result<T, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
                let job: Job = { handle in
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
                let woken = queue.withLock { queue -> [Int]? in
                    guard !queue.closed else { return nil }
                    queue.waiting.append((owner, job))
                    return queue.dispatch(cap: cap)
                }
                if let woken {
                    for worker in woken { wake[worker].signal() }
                } else {
                    continuation.resume(returning: .failure(HTTPTransportError.setup("the client was shut down")))
                }
            }
        } onCancel: {
            flag.cancel()
        }
        return try result.get()
    }

    /// Jobs queued and not yet handed to a worker.
    var waitingJobs: Int { queue.withLock { $0.waiting.count } }

    /// Lets the workers finish queued jobs and exit.
    func shutdown() {
        let idle = queue.withLock { queue -> [Int] in
            guard !queue.closed else { return [] }
            queue.closed = true
            return queue.waiting.isEmpty ? queue.idle : []
        }
        for worker in idle { wake[worker].signal() }
    }

    private func workerLoop(_ index: Int) {
        let handle = try? CurlHandle()
        while true {
            wake[index].wait()
            let handed = queue.withLock { queue in
                defer { queue.handed[index] = nil }
                return queue.handed[index]
            }
            guard let (owner, job) = handed else { return }  // woken with nothing handed over: shut down
            job(handle)
            let woken = queue.withLock { $0.finished(owner: owner, worker: index, cap: cap) }
            for worker in woken { wake[worker].signal() }
        }
    }
}
