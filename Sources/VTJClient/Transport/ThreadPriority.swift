import VTJCore
#if canImport(Glibc)
import Glibc
#endif

/// The priority of the work the current task does for a drop, and the calling thread's nice
/// value (Linux: per thread). ``BulkThreads`` lowers and raises the threads.
public enum ThreadPriority {
    /// The priority of the drop the current task works for, which its messages' jobs on the curl
    /// workers, its walk and its read thread carry (``BulkThreads``). Outside a drop: normal.
    @TaskLocal public static var current: WorkPriority = .normal

    /// The calling thread's nice value (for tests and `status`).
    public static var threadNiceness: Int32 {
        #if os(Linux)
        errno = 0
        return Int32(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        #else
        return 0
        #endif
    }
}
