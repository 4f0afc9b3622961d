import Foundation
import Synchronization
import VTJClient
import VTJCore

/// A thread of its own for one drop's walk, as the walk's task executor.
///
/// A walk blocks: SQLite writes wait for the database's one writer (which a large drop's audit
/// insert or publication holds for seconds), results and receipts are fsynced. On Swift's
/// cooperative pool — two threads on a two-core machine — each blocked walk takes a thread the
/// daemon loop, intake and every other drop need; a large drop's publication and a small drop's
/// journal write waiting behind it stopped the whole appliance (issue 15 goal 4). With the walk's
/// task preferring this executor, its own code and its child tasks run here; actors (the runner)
/// still run on the pool. ``finish()`` lets the thread end once its queue is empty and joins it
/// (``OwnThreads``); work that arrives after that runs on the global executor.
final class DropThread: TaskExecutor, Sendable {
    private let jobs = Mutex<(queue: [UnownedJob], closed: Bool)>(([], false))
    private let signal = DispatchSemaphore(value: 0)
    /// Whether the thread's loop has returned, or who waits for that.
    private let served = Mutex<(done: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))
    private let started = Mutex<OwnThreads.Handle?>(nil)
    private let threads: OwnThreads

    private init(threads: OwnThreads) { self.threads = threads }

    /// A started walk thread among `threads`; nil when the system refuses another thread.
    /// - Parameter priority: the drop's; a bulk drop's walk yields while a small drop is in flight (``BulkThreads``).
    static func start(name: String = "vtjdrop-drop", priority: WorkPriority = .normal, among threads: OwnThreads) -> DropThread? {
        let executor = DropThread(threads: threads)
        guard let handle = threads.start({
            KernelThreadName.set(name)
            BulkThreads.shared.run(as: priority) { executor.serve() }
            executor.served.withLock { state in
                state.done = true
                defer { state.waiter = nil }
                return state.waiter
            }?.resume()
        }) else { return nil }
        executor.started.withLock { $0 = handle }
        return executor
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let accepted = jobs.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.queue.append(job)
            return true
        }
        if accepted {
            signal.signal()
        } else {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
    }

    /// Lets the thread end once the jobs queued so far have run, waits for its loop to return (without
    /// holding a thread), then joins it: only the thread's own cleanup is left by then.
    func finish() async {
        jobs.withLock { $0.closed = true }
        signal.signal()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = served.withLock { state -> Bool in
                if !state.done { state.waiter = continuation }
                return state.done
            }
            if done { continuation.resume() }
        }
        if let handle = started.withLock({ $0 }) { threads.join(handle) }
    }

    private func serve() {
        while true {
            signal.wait()
            let next = jobs.withLock { state -> (job: UnownedJob?, done: Bool) in
                if state.queue.isEmpty { return (nil, state.closed) }
                return (state.queue.removeFirst(), false)
            }
            if let job = next.job {
                job.runSynchronously(on: asUnownedTaskExecutor())
            } else if next.done {
                return
            }
        }
    }
}
