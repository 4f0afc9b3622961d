import Foundation
import Synchronization

/// A thread's own end marker for the join tests: a thread-local value whose destructor, run by the
/// thread itself as it exits (after its body, as libxml2's and OpenSSL's per-thread cleanup is), takes
/// a while and then counts. A join that returned before the thread had fully exited shows as a count
/// still short; nothing is timed.
final class ThreadEndMarker: @unchecked Sendable {  // `ended` is written once, in init; the counter itself is atomic
    private let key: pthread_key_t
    private let ended: UnsafeMutablePointer<Atomic<Int>>

    init() {
        ended = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        ended.initialize(to: Atomic(0))
        var created = pthread_key_t()
        precondition(pthread_key_create(&created, { value in
            usleep(100_000)
            value.map { $0.assumingMemoryBound(to: Atomic<Int>.self).pointee.add(1, ordering: .sequentiallyConsistent) }
        }) == 0)
        key = created
    }

    deinit {
        pthread_key_delete(key)
        // The counter stays: a thread this marked may still be ending when a failing test lets go of it.
    }

    /// Marks the calling thread: its exit counts once its destructor has run.
    func mark() { _ = pthread_setspecific(key, UnsafeRawPointer(ended)) }

    /// Marked threads whose exit has finished.
    var endedCount: Int { ended.pointee.load(ordering: .sequentiallyConsistent) }
}
