/// How urgently a drop's threads run: a bulk drop's CPU below the small drops', the daemon loop's
/// and (on the same machine) the upstream's.
///
/// A large drop parses, prepares and stages for seconds on several threads; a small drop needs a
/// few milliseconds of CPU on its way to the receipt, and waited for those threads' time slices
/// (issue 15 goal 4; docs/performance.md, "Latency, sixth round"). Lowering needs no privilege;
/// raising a lowered thread back does (or `LimitNICE=`), which ``change(to:)`` leaves to the caller.
public enum WorkPriority: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The process's own priority: small drops, the daemon loop, everything that is not a drop.
    case normal = 0
    /// Below normal: a drop that is not small (a long list, a request document, a workbook, a planned fetch).
    case bulk = 1

    /// A drop's priority as the scheduler knows it: only a small drop runs at normal.
    public init(_ drop: DropScheduler.Drop) {
        self = drop.isSmall ? .normal : .bulk
    }

    /// The nice value a thread of this priority runs at (Linux `setpriority` per thread): 10 gives
    /// a bulk thread about a tenth of a normal one's share when both want the core.
    public var niceness: Int32 {
        switch self {
        case .normal: 0
        case .bulk: 10
        }
    }

    public static func < (lhs: WorkPriority, rhs: WorkPriority) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .normal: "normal"
        case .bulk: "bulk"
        }
    }

    /// What a pooled thread now at `self` does before a job of `wanted`: nothing, or set its nice value.
    public func change(to wanted: WorkPriority) -> Change {
        wanted == self ? .keep : .set(niceness: wanted.niceness)
    }

    /// A thread's priority change, as ``change(to:)`` decides it.
    public enum Change: Hashable, Sendable {
        /// Already there.
        case keep
        /// Set the thread's nice value (raising back may be refused without privilege: the thread stays low).
        case set(niceness: Int32)
    }
}
