import Foundation
import Glibc
import Synchronization

/// Runs durable steps that do not depend on each other at the same time.
///
/// Each `fsync` ends in the disk's cache flush; on a shared disk one takes 4–40 ms, mostly
/// queueing. Steps a crash property needs *together* (a claim's note and its folder's entry, the
/// three folders of its rename) need not wait for each other: started at once, their writes and
/// flushes share the queue's wait, and the block layer serves flushes that arrive while one is in
/// flight with the next one (issue 15 goal 4). Every step still ends before the call returns, so
/// what is durable when the caller goes on is exactly what it was with the steps one after another.
enum ConcurrentSync {
    /// `fsync`s every descriptor at once; each one's errno (0 when synced), in order.
    static func fsync(_ descriptors: [Int32]) -> [Int32] {
        all(descriptors.map { descriptor in { Glibc.fsync(descriptor) == 0 ? 0 : errno } })
    }

    /// Runs every body, all but the last on short-lived threads of their own and the last on the
    /// caller's; returns their results in order once every one has returned.
    static func all<T: Sendable>(_ bodies: [@Sendable () -> T]) -> [T] {
        guard let last = bodies.last else { return [] }
        guard bodies.count > 1 else { return [last()] }
        let slots = Slots<T>(count: bodies.count - 1)
        for (index, body) in bodies.dropLast().enumerated() {
            Thread { slots.fill(index, with: body()) }.start()
        }
        let own = last()
        return slots.waitForAll() + [own]
    }

    /// Runs `other` on a short-lived thread of its own while `own` runs on the caller's; returns
    /// both once both have returned (also when `own` throws: `other` is never left running).
    static func alongside<T: Sendable, U>(_ other: @escaping @Sendable () -> T, while own: () throws -> U) throws -> (other: T, own: U) {
        let slots = Slots<T>(count: 1)
        Thread { slots.fill(0, with: other()) }.start()
        let mine = Result { try own() }
        let theirs = slots.waitForAll()[0]
        return (theirs, try mine.get())
    }

    /// The other threads' results, each handed over once.
    private final class Slots<T: Sendable>: Sendable {
        private let values: Mutex<[T?]>
        private let filled = DispatchSemaphore(value: 0)
        private let count: Int

        init(count: Int) {
            self.count = count
            values = Mutex(Array(repeating: nil, count: count))
        }

        func fill(_ index: Int, with value: T) {
            values.withLock { $0[index] = value }
            filled.signal()
        }

        func waitForAll() -> [T] {
            for _ in 0..<count { filled.wait() }
            return values.withLock { $0.map { $0! } }
        }
    }
}
