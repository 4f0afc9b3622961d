import Synchronization

/// The watcher's events gathered for the runner: a task reads the watcher's sequence
/// (``InotifyWatcher/events(tick:)``) and keeps what arrived until the runner takes it; the daemon
/// waits for news or its deadline without holding a thread. ``stop()`` (a graceful shutdown)
/// ends the reading task, and with it the watcher's thread.
final class InotifyHints: Sendable {
    private struct State {
        var events: [InotifyWatcher.Event] = []
        var waiter: CheckedContinuation<Void, Never>?
        /// ``current()`` calls waiting for the thread to have read, by ticket.
        var reads: [(ticket: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        /// The highest ticket the thread has answered.
        var readThrough: UInt64 = 0
        var reader: Task<Void, Never>?
        var stopped = false
    }

    /// Events kept at most between two takes; beyond, they count as the kernel's overflow (rescan
    /// everything), so a daemon kept busy never holds an unbounded list.
    static let limit = 4096

    private let watcher: InotifyWatcher
    private let state = Mutex(State())

    init(watcher: InotifyWatcher, tick: Duration = .milliseconds(250)) {
        self.watcher = watcher
        let deliveries = watcher.deliveries(tick: tick)
        let reader = Task { [weak self] in
            for await delivery in deliveries { self?.take(delivery) }
            self?.ended()
        }
        state.withLock { $0.reader = reader }
    }

    deinit { state.withLock { $0.reader }?.cancel() }

    /// Ends the reading (and the watcher's thread); whoever waits returns at once.
    func stop() {
        state.withLock { $0.reader }?.cancel()
        ended()
    }

    /// ``stop()``, then waits until the watcher's thread has exited (before the program exits).
    func stopAndJoin() -> OwnThreads.Counts {
        stop()
        return watcher.stopReaders()
    }

    /// What arrived so far, taken.
    func drain() -> [InotifyWatcher.Event] {
        state.withLock { state in
            defer { state.events = [] }
            return state.events
        }
    }

    /// Everything the kernel had queued when called (a file renamed into the inbox just before is
    /// known), taken: the watcher's thread is asked to read now and answers in order after the
    /// events it read. `run --once` takes this before each pass, as it read the queue itself before.
    func current() async -> [InotifyWatcher.Event] {
        let ticket = watcher.requestRead()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.stopped || state.readThrough >= ticket { return true }
                state.reads.append((ticket, continuation))
                return false
            }
            if now { continuation.resume() }
        }
        return drain()
    }

    /// Waits until something arrives or `sleep` (to the caller's deadline, on its clock) returns,
    /// or the hints stop; returns what arrived.
    func next(sleep: @escaping @Sendable () async throws -> Void) async -> [InotifyWatcher.Event] {
        let early = drain()
        guard early.isEmpty else { return early }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await sleep() }  // cancelled when an event came first: that is the point
            group.addTask { await self.arrival() }
            await group.next()
            group.cancelAll()
        }
        return drain()
    }

    private func take(_ delivery: InotifyWatcher.Delivery) {
        switch delivery {
        case .events(let batch):
            let waiter = state.withLock { state in
                state.events += batch
                if state.events.count > Self.limit { state.events = [.overflow] }
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        case .readThrough(let ticket):
            let answered = state.withLock { state in
                state.readThrough = max(state.readThrough, ticket)
                let answered = state.reads.filter { $0.ticket <= ticket }
                state.reads.removeAll { $0.ticket <= ticket }
                return answered
            }
            for read in answered { read.continuation.resume() }
        }
    }

    /// The reading ended (stopped, or the thread gone): nobody may wait for it any more.
    private func ended() {
        let (waiter, reads) = state.withLock { state in
            state.stopped = true
            defer {
                state.waiter = nil
                state.reads = []
            }
            return (state.waiter, state.reads)
        }
        waiter?.resume()
        for read in reads { read.continuation.resume() }
    }

    /// Returns when events are waiting, the hints stop, or the task is cancelled (one waiter at a time).
    private func arrival() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Checked under the lock: a cancellation that came first has set the flag already.
                let now = state.withLock { state -> Bool in
                    if !state.events.isEmpty || state.stopped || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
