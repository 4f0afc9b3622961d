import Glibc

/// glibc's allocator told to keep the daemon's heap small (issue 15's memory bound).
///
/// glibc gives each thread that allocates its own arena, up to eight per core, and keeps what a
/// drop freed in them for later: the client's worker threads and the cooperative pool each grew
/// one, and a daemon's resident size stayed at its largest drop's. Two arenas are enough for
/// this work (the threads mostly wait on the network), and after each drop the freed pages go back.
/// The calls are looked up at run time (Swift does not import `malloc.h`); another C library
/// simply skips them.
enum MallocArenas {
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    /// `M_ARENA_MAX` in `malloc.h`.
    private static let arenaMax: Int32 = -8

    /// At most two arenas from now on; call before the worker threads start.
    static func limit() {
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2)
    }

    /// Returns the freed pages of every arena to the system (after a drop).
    static func trim() {
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }
}
