/// How urgently a drop's threads run: a bulk drop's CPU below the small drops', the daemon loop's
/// and (on the same machine) the upstream's.
///
/// A large drop parses, prepares and stages for seconds on several threads; a small drop needs a
/// few milliseconds of CPU on its way to the receipt, and waited for those threads' time slices
/// (issue 15 goal 4; docs/performance.md, "Latency, sixth round"). Lowering needs no privilege;
/// raising a lowered thread back does (or `LimitNICE=`).
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

    /// The priority a thread working for a drop of `self` runs at now: a bulk drop's threads are
    /// lowered only while a small drop is in flight, so a large drop alone runs as fast as before
    /// (also beside other work on the machine, which a permanently lowered drop yielded to).
    public func effective(smallDropsInFlight: Int) -> WorkPriority {
        self == .bulk && smallDropsInFlight > 0 ? .bulk : .normal
    }

    /// Rows a drop of `self` writes in one transaction now, where `rows` is what it writes alone.
    /// SQLite has one writer: a small drop's every commit waited for the bulk transaction under way
    /// (2,000 disclosed persons: 15–20 ms each, eight commits to a receipt). While a small drop is
    /// in flight a bulk drop's transactions take at most ``yieldingRows``, so each of its commits
    /// waits a few milliseconds at most; alone, a bulk drop keeps its larger, cheaper transactions.
    public func rowsPerTransaction(_ rows: Int, smallDropsInFlight: Int) -> Int {
        effective(smallDropsInFlight: smallDropsInFlight) == .bulk ? max(1, min(rows, Self.yieldingRows)) : max(1, rows)
    }

    /// A bulk drop's rows per transaction while a small drop is in flight.
    public static let yieldingRows = 200

    /// Whether bulk drops keep to one message under way at the upstream now: while a small drop is
    /// in flight, and for ``upstreamLinger`` after the last one ended. An upstream building answers
    /// on a few cores answers a small message behind every bulk answer already under way; small
    /// drops come in runs, and bulk messages sent in the gap between two would still be built when
    /// the next small drop's message arrives (`sinceLastSmallDrop`: nil if none ended yet).
    public static func holdsUpstream(smallDropsInFlight: Int, sinceLastSmallDrop: Duration?) -> Bool {
        if smallDropsInFlight > 0 { return true }
        guard let since = sinceLastSmallDrop else { return false }
        return since < upstreamLinger
    }

    /// How long after a small drop the upstream stays held (measured gaps between a benchmark's
    /// back-to-back small drops: p50 17, p90 68 ms at a load of 6–8; docs/performance.md,
    /// "Latency, eighth round").
    public static let upstreamLinger: Duration = .milliseconds(250)
}
