import Synchronization
import VTJClient

/// The runtime's own threads of one owner — a drop's walk (``DropThread``) and reads (``AsideThread``),
/// or the inotify reader — each joinable, so none is still ending when the program exits.
///
/// Foundation's `Thread` is detached: nothing can wait for its end, and `exit()` ran libxml2's and
/// OpenSSL's cleanup beside a thread whose own thread-local cleanup was still running (the curl
/// workers' abort at exit, docs/architecture.md step 6). Here whoever waits for a thread's work joins it
/// once the work is done (the walk's end, the read's result: the join then waits only for the thread's
/// own cleanup); one nobody waits for any more (a read whose drop was interrupted) is ``release(_:)``d
/// and joined by the next ``start(_:)`` after it ended, or by ``joinAll()`` before the program exits.
package final class OwnThreads: Sendable {
    /// A started thread, to ``join(_:)`` or ``release(_:)`` once.
    struct Handle: Sendable, Hashable {
        fileprivate let id: Int
    }

    /// What was started, what has finished its body (the thread's own end marker) and what was joined.
    package struct Counts: Sendable, Equatable, CustomStringConvertible {
        package var started = 0
        package var ended = 0
        package var joined = 0

        package var description: String { "\(started) started, \(ended) ended, \(joined) joined" }
    }

    private struct Entry {
        let thread: JoinableThread
        var ended = false
        var released = false
    }

    private struct State {
        var live: [Int: Entry] = [:]
        var next = 0
        var counts = Counts()
    }

    private let state = Mutex(State())

    package init() {}

    deinit {
        // Nobody can join them any more (an appliance a test let go without a shutdown): each thread
        // then frees its own resources as it ends, as a detached one does.
        for entry in state.withLock({ Array($0.live.values) }) { entry.thread.detach() }
    }

    /// The counts so far.
    package var counts: Counts { state.withLock { $0.counts } }

    /// Starts `body` on a new joinable thread; nil when the system refuses another thread.
    func start(_ body: @escaping @Sendable () -> Void) -> Handle? {
        reapReleased()
        return state.withLock { state -> Handle? in
            let id = state.next
            // Registered under the lock before the body can end: its end marker always finds the entry.
            guard let thread = JoinableThread({ [self] in
                body()
                self.state.withLock { state in
                    state.live[id]?.ended = true
                    state.counts.ended += 1
                }
            }) else { return nil }
            state.next += 1
            state.counts.started += 1
            state.live[id] = Entry(thread: thread)
            return Handle(id: id)
        }
    }

    /// Waits until the thread has exited (its thread-local cleanup included) and forgets it. Call it
    /// when its body is done or about to be: the caller's thread blocks until then.
    func join(_ handle: Handle) {
        guard let entry = state.withLock({ $0.live.removeValue(forKey: handle.id) }) else { return }
        entry.thread.join()
        state.withLock { $0.counts.joined += 1 }
    }

    /// Nobody waits for this thread any more: it is joined once it has ended, by the next ``start(_:)``
    /// or by ``joinAll()``.
    func release(_ handle: Handle) {
        state.withLock { $0.live[handle.id]?.released = true }
        reapReleased()
    }

    /// Joins every thread still known, waiting for each to end; call only once each has been told to
    /// end (the runner stopped, its drops done or interrupted).
    @discardableResult
    package func joinAll() -> Counts {
        while let id = state.withLock({ $0.live.keys.first }) {
            join(Handle(id: id))
        }
        return counts
    }

    /// Joins the released threads that have ended (each returns at once but for its own cleanup).
    private func reapReleased() {
        let done = state.withLock { state in state.live.filter { $0.value.released && $0.value.ended }.map(\.key) }
        for id in done { join(Handle(id: id)) }
    }
}
