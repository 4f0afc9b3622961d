import Dispatch
import Foundation
import Synchronization
import VTJCore

/// A fixed set of threads, each owning one ``CurlHandle`` for its whole life, shared fairly between
/// the operations (drops) using the interface.
///
/// libcurl's easy interface blocks, so transfers (and the parsing of their bodies) run here rather
/// than on Swift's cooperative pool, which has one thread per core. Keeping each handle on its
/// own thread is also what keeps connections alive between calls.
///
/// Each client owns its pool (the daemon has one client). Its threads end when the client is gone:
/// the client's `deinit` shuts the pool, idle workers return at once and busy ones after their job;
/// each thread holds the pool until it returns (`CurlWorkerPoolLifetimeTests`). A program about
/// to exit calls ``shutdownAndJoin()`` (through ``VTJInterfaceClient/shutdown()``) first.
///
/// Fair sharing (issue 15; docs/performance.md, "Sharing the interface"): every job belongs to an
/// owner (one drop's operation), and no owner runs more than `size` jobs at once. The pool keeps
/// `spare` workers beyond `size`, so a drop alone keeps its full `size` messages in flight while
/// another drop's message still finds a free worker at once; and a free worker takes the oldest
/// job of the owner running the fewest jobs, so a ten-person drop never queues behind a large
/// one's messages, and two large drops share the workers evenly. A job carries its drop's
/// ``WorkPriority``: a bulk drop's job yields the CPU while a small drop is in flight
/// (``BulkThreads``), while a small drop's message waits or runs bulk drops start no new
/// messages, and while a small drop is in flight (and shortly after) at most one bulk transfer is
/// under way at the upstream (``CurlWorkerQueue`` has the whole policy).
final class CurlWorkerPool: Sendable {
    typealias Job = @Sendable (CurlHandle?) -> Void

    private let queue: Mutex<CurlWorkerQueue<Job>>
    private let wake: [DispatchSemaphore]
    /// Jobs one owner may run at once.
    private let cap: Int
    /// The worker threads not yet waited for (``shutdownAndJoin()``).
    private let threads = Mutex<[JoinableThread]>([])
    /// Worker threads (and so connections): `size` plus the spare ones.
    let size: Int
    /// Whether a small drop is in flight or has just ended (``BulkThreads``), asked before each dispatch.
    private let besideSmallDrops: @Sendable () -> Bool

    /// - Parameters:
    ///   - size: the most jobs one owner runs at once (`vtj.parallelism`: one drop's messages in flight).
    ///   - spare: workers beyond that, kept for other owners' jobs.
    ///   - besideSmallDrops: whether bulk jobs keep to one transfer at the upstream now (tests give their own).
    init(size: Int, spare: Int = 0, name: String = "vtj-curl",
         besideSmallDrops: @escaping @Sendable () -> Bool = { BulkThreads.shared.holdsUpstream() }) {
        self.cap = max(1, size)
        self.besideSmallDrops = besideSmallDrops
        self.size = cap + max(0, spare)
        self.queue = Mutex(CurlWorkerQueue(workers: self.size))
        self.wake = (0..<self.size).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<self.size {
            guard let thread = JoinableThread({ [self] in
                KernelThreadName.set("\(name)-\(index)")
                workerLoop(index)
            }) else { fatalError("the system refused a thread for the libcurl worker \(name)-\(index); raise the process's thread limit") }
            threads.withLock { $0.append(thread) }
        }
    }

    deinit {
        // Workers nobody waited for (the client was simply released): their resources go as each exits.
        for thread in threads.withLock({ $0 }) { thread.detach() }
    }

    /// Runs `work` on a worker with that worker's handle; `cancellation` is set when the task is
    /// cancelled. Jobs of one `owner` share the pool fairly with other owners' (see the type).
    func run<T: Sendable>(
        owner: Int = 0,
        priority: WorkPriority = ThreadPriority.current,
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
                let small = besideSmallDrops()
                let woken = queue.withLock { queue -> [Int]? in
                    guard !queue.closed else { return nil }
                    queue.besideSmallDrops = small
                    queue.waiting.append(.init(owner: owner, priority: priority, job: job))
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

    /// Lets the workers finish queued jobs, then waits until each thread has exited, its
    /// thread-local cleanup (OpenSSL's, libxml2's, glibc's heap) done: a process that returns
    /// after this never runs `exit()`'s library cleanup beside a worker's end (``JoinableThread``).
    /// Blocks for as long as a running job takes (libcurl's timeouts bound a transfer).
    func shutdownAndJoin() {
        shutdown()
        let running = threads.withLock { threads in
            defer { threads = [] }
            return threads
        }
        for thread in running {
            // A job's own worker cannot wait for itself (a last reference released there).
            if thread.isCurrent { thread.detach() } else { thread.join() }
        }
    }

    private func workerLoop(_ index: Int) {
        let handle = try? CurlHandle()
        // The answer is in: the job goes on parsing, and the upstream may take the next bulk message.
        handle?.afterTransfer = { [weak self] in self?.transferEnded(index) }
        while true {
            wake[index].wait()
            let handed = queue.withLock { queue in
                defer { queue.handed[index] = nil }
                return queue.handed[index]
            }
            guard let handed else { return }  // woken with nothing handed over: shut down
            // A bulk drop's job (its parse and preparation) yields while a small drop is in flight.
            BulkThreads.shared.run(as: handed.priority) { handed.job(handle) }
            // Where the thread is now (raising it back may have been refused): the queue prefers a matching worker.
            let level: WorkPriority = ThreadPriority.threadNiceness > 0 ? .bulk : .normal
            let small = besideSmallDrops()
            let woken = queue.withLock {
                $0.besideSmallDrops = small
                return $0.finished(owner: handed.owner, priority: handed.priority, worker: index, level: level, cap: cap)
            }
            for worker in woken { wake[worker].signal() }
        }
    }

    /// `worker`'s job has its answer: the queue may start a bulk job it held for the upstream.
    private func transferEnded(_ worker: Int) {
        let small = besideSmallDrops()
        let woken = queue.withLock {
            $0.besideSmallDrops = small
            return $0.transferEnded(worker: worker, cap: cap)
        }
        for worker in woken { wake[worker].signal() }
    }
}
