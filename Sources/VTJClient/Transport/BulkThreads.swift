import Foundation
import Synchronization
import VTJCore
#if canImport(Glibc)
import Glibc
#endif

/// The threads working for bulk drops, lowered while a small drop is in flight and back to normal
/// when none is (``WorkPriority/effective(smallDropsInFlight:)``).
///
/// A thread enters while it works for a bulk drop (a curl job, a walk, a read) and leaves after;
/// the first small drop to start lowers every entered thread by its thread id, the last to end
/// raises them again. Raising needs privilege (root, `CAP_SYS_NICE` or `LimitNICE=`); refused, the
/// threads stay lowered until they leave, which only costs the large drop time.
public final class BulkThreads: Sendable {
    /// The process's one registry.
    public static let shared = BulkThreads()

    private struct State {
        var smallDrops = 0
        /// When the last small drop ended (nil: none has).
        var lastSmallEnded: ContinuousClock.Instant?
        /// Entered threads: kernel thread id → how many times (a walk's thread may also run a nested entry).
        var threads: [Int32: Int] = [:]
    }

    private let state = Mutex(State())

    /// Small drops in flight now.
    public var smallDropsInFlight: Int { state.withLock { $0.smallDrops } }

    /// Whether bulk drops keep to one message at the upstream now
    /// (``WorkPriority/holdsUpstream(smallDropsInFlight:sinceLastSmallDrop:)``).
    public func holdsUpstream(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            WorkPriority.holdsUpstream(smallDropsInFlight: state.smallDrops,
                                       sinceLastSmallDrop: state.lastSmallEnded.map { now - $0 })
        }
    }

    /// Rows a drop of `priority` writes per transaction now, `rows` being its size alone
    /// (``WorkPriority/rowsPerTransaction(_:smallDropsInFlight:)``).
    public func rowsPerTransaction(_ rows: Int, as priority: WorkPriority) -> Int {
        priority.rowsPerTransaction(rows, smallDropsInFlight: smallDropsInFlight)
    }

    /// Threads entered now (for tests).
    public var enteredThreads: Int { state.withLock { $0.threads.count } }

    /// Runs `work` on the calling thread for a drop of `priority`: entered when bulk, as it is when normal.
    public func run<T>(as priority: WorkPriority, _ work: () throws -> T) rethrows -> T {
        priority == .bulk ? try run(work) : try work()
    }

    /// Runs `work` on the calling thread as a bulk drop's: lowered whenever a small drop is in flight.
    public func run<T>(_ work: () throws -> T) rethrows -> T {
        let thread = Self.threadID()
        state.withLock { state in
            state.threads[thread, default: 0] += 1
            if state.threads[thread] == 1 { Self.set(thread, WorkPriority.bulk.effective(smallDropsInFlight: state.smallDrops)) }
        }
        defer {
            state.withLock { state in
                let left = state.threads[thread, default: 1] - 1
                state.threads[thread] = left > 0 ? left : nil
                if left == 0 { Self.set(thread, .normal) }
            }
        }
        return try work()
    }

    /// Runs `work` with a small drop in flight: the bulk threads yield to it meanwhile.
    public func small<T>(_ work: () async throws -> T) async rethrows -> T {
        changeSmall(by: 1)
        defer { changeSmall(by: -1) }
        return try await work()
    }

    private func changeSmall(by step: Int) {
        state.withLock { state in
            let before = WorkPriority.bulk.effective(smallDropsInFlight: state.smallDrops)
            state.smallDrops += step
            if state.smallDrops == 0 { state.lastSmallEnded = .now }
            let after = WorkPriority.bulk.effective(smallDropsInFlight: state.smallDrops)
            guard after != before else { return }
            for thread in state.threads.keys { Self.set(thread, after) }
        }
    }

    /// The calling thread's kernel id (`/proc/thread-self` names it; Glibc's `gettid` is not imported).
    static func threadID() -> Int32 {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        if length > 0, let id = Int32(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: "/").last ?? "") {
            return id
        }
        #endif
        return 0
    }

    private static func set(_ thread: Int32, _ priority: WorkPriority) {
        #if os(Linux)
        // Thread id 0 would be the calling thread: never renice a thread whose id was not read.
        guard thread > 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread), priority.niceness)
        #endif
    }
}
