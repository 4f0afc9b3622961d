#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread that can be waited for until it has fully exited, thread-local destructors included.
///
/// Foundation's `Thread` is detached: nothing can wait for its end. A curl worker's end runs
/// OpenSSL's and libxml2's per-thread destructors and glibc's per-thread heap cleanup after its
/// loop returns; when `exit()` ran `OPENSSL_cleanup` at the same time, both freed OpenSSL's thread
/// state and the heap was corrupted (`run --once` aborted, "malloc_consolidate(): invalid chunk
/// size"; docs/architecture.md, step 6). ``join()`` returns only after that cleanup is done.
package final class JoinableThread: @unchecked Sendable {  // `thread` is written once, in init, before it is shared
    private var thread = pthread_t()

    /// Starts `body` on a new thread (the default stack size, as Foundation's `Thread`).
    /// - Returns: nil when the system refuses another thread.
    package init?(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body))
        let started = pthread_create(&thread, nil, { argument in
            // The body (and what it captured) is released before the thread's own cleanup runs.
            Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue().run()
            return nil
        }, box.toOpaque())
        guard started == 0 else {
            box.release()
            return nil
        }
    }

    /// Whether the calling thread is this one (it cannot wait for itself).
    package var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }

    /// Waits until the thread has exited; call once, or ``detach()`` instead.
    package func join() { pthread_join(thread, nil) }

    /// Lets the thread's resources go when it exits, without waiting for it.
    package func detach() { pthread_detach(thread) }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
