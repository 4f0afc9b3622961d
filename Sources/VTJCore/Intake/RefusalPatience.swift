/// Decides when an inbox entry that is never read (a link, FIFO, socket, folder, an oversize or
/// hard-linked file) is moved to quarantine with an error receipt, instead of lying in the inbox.
///
/// Pure: times come in as nanoseconds since the Unix epoch. The entry's inode change time
/// (`ctime`, set by the kernel, never by the producer) is the clock: it survives restarts, so a
/// cron-style `run --once` decides the same way as the daemon.
public struct RefusalPatience: Sendable, Hashable {
    /// What to do with one refused entry now.
    public enum Action: Sendable, Hashable {
        /// It may still be changing (a folder being filled): look again at `until`.
        case wait(untilNanoseconds: Int64)
        /// A hard link that may be an upload mid-publish (sftp-server links, then unlinks):
        /// say nothing yet, look again at `until`.
        case waitQuietly(untilNanoseconds: Int64)
        /// Move the entry itself (never its target) to quarantine and tell the department.
        case quarantine
    }

    /// How long an entry must stay unchanged before it is quarantined (the settle period).
    public let settle: Duration
    /// How long a hard-linked file is waited for before it is reported.
    public let hardLinkPatience: Duration

    /// The default patience for hard links: sftp's link + unlink takes microseconds; ten minutes
    /// of two names is not an upload in progress.
    public static let defaultHardLinkPatience: Duration = .seconds(600)

    public init(settle: Duration, hardLinkPatience: Duration = RefusalPatience.defaultHardLinkPatience) {
        self.settle = max(settle, .zero)
        self.hardLinkPatience = max(hardLinkPatience, .zero)
    }

    /// The action for an entry whose inode last changed at `changed`, first seen by this process
    /// at `firstSeen`. A change time in the future (the clock was set back) counts from first
    /// sight, so the entry is not left waiting for hours.
    public func decide(changedNanoseconds changed: Int64, firstSeenNanoseconds firstSeen: Int64,
                       hardLinked: Bool, nowNanoseconds now: Int64) -> Action {
        let since = changed <= now ? changed : min(firstSeen, now)
        let patience = hardLinked ? hardLinkPatience : settle
        let due = since.addingReportingOverflow(RefusalPatience.nanoseconds(patience))
        let until = due.overflow ? Int64.max : due.partialValue
        if now >= until { return .quarantine }
        return hardLinked ? .waitQuietly(untilNanoseconds: until) : .wait(untilNanoseconds: until)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let whole = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return whole.overflow ? Int64.max : whole.partialValue + attoseconds / 1_000_000_000
    }
}
