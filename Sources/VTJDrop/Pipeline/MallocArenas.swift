import Glibc
import Synchronization

/// glibc's allocator told to keep the daemon's heap small (issue 15's memory bound).
///
/// glibc gives each thread that allocates its own arena, up to eight per core, and keeps what a
/// drop freed in them for later: the client's worker threads and the cooperative pool each grew
/// one, and a daemon's resident size stayed at its largest drop's. Two arenas are enough for
/// this work (the threads mostly wait on the network), and after each drop the freed pages go back.
///
/// glibc also raises its mmap threshold each time a large block is freed (up to 32 MB): once a
/// drop's file bytes (12 MB at 1,000,000 lines) were freed, every later array below that size came
/// from the arenas, whose freed middles stay resident, so a drop held its largest phase's
/// memory until its end (4-5 MB of the 1,000,000 peak). A fixed threshold keeps large blocks in
/// their own mappings, which go back to the system when freed (and grow by `mremap`).
/// The calls are looked up at run time (Swift does not import `malloc.h`); another C library
/// simply skips them.
///
/// The program's entry (`vtjdrop run`, `demo`) tunes its own process; a library caller such as the
/// test harness, which hosts many appliances and spawns children through Foundation's `Process`,
/// keeps glibc's defaults: Foundation's `Process.run()` over-reads a `readdir` buffer
/// (swift-corelibs-foundation #5472), which faults when the heap's top has just been trimmed.
package enum MallocArenas {
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    /// `M_ARENA_MAX` in `malloc.h`.
    private static let arenaMax: Int32 = -8
    /// `M_MMAP_THRESHOLD` in `malloc.h`; setting it turns glibc's dynamic threshold off.
    private static let mmapThreshold: Int32 = -3
    /// Blocks of this size and above get their own mapping (glibc's own starting value).
    static let largeBlockBytes: Int32 = 128 * 1024

    /// At most two arenas and a fixed mmap threshold from now on, and ``trim()`` after each drop;
    /// call once, at the program's start, before the worker threads start.
    package static func limit() {
        guard let symbol = dlsym(nil, "mallopt") else { return }
        tuned.store(true, ordering: .relaxed)
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(arenaMax, 2)
        _ = mallopt(mmapThreshold, largeBlockBytes)
    }

    /// Returns the freed pages of every arena to the system (after a drop), in a process ``limit()`` tuned.
    static func trim() {
        guard tuned.load(ordering: .relaxed), let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }

    private static let tuned = Atomic<Bool>(false)
}
