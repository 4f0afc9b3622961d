import VTJCore
#if canImport(Glibc)
import Glibc
#endif

/// The calling thread's scheduling priority (Linux: its nice value, per thread: `setpriority`
/// with 0), and the priority of the work the current task does for a drop.
public enum ThreadPriority {
    /// The priority of the drop the current task works for: its messages' jobs on the curl
    /// workers, its walk and its read thread run at it. Outside a drop: normal.
    @TaskLocal public static var current: WorkPriority = .normal

    /// Moves the calling thread from `now` to `wanted`; returns where it is afterwards (still
    /// `now` when the system refused: raising a lowered thread needs privilege or `LimitNICE=`).
    @discardableResult
    public static func apply(_ wanted: WorkPriority, from now: WorkPriority = .normal) -> WorkPriority {
        switch now.change(to: wanted) {
        case .keep:
            return now
        case .set(let niceness):
            return setThreadNiceness(niceness) ? wanted : now
        }
    }

    /// The calling thread's nice value (for tests and `status`).
    public static var threadNiceness: Int32 {
        #if os(Linux)
        errno = 0
        return Int32(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        #else
        return 0
        #endif
    }

    private static func setThreadNiceness(_ niceness: Int32) -> Bool {
        #if os(Linux)
        // On Linux the nice value is per thread, and PRIO_PROCESS with 0 is the calling thread alone.
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) == 0
        #else
        return false
        #endif
    }
}
