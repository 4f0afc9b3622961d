/// What the kernel last said about a file in an inbox folder (inotify), as far as it tells
/// whether a writer may still be at work.
public enum WriteActivity: String, Sendable, Hashable, CaseIterable {
    /// Created (by `open(O_CREAT)`, or as a hard link): says nothing about writing yet.
    case created
    /// Written to and not closed since (`IN_MODIFY`): a writer holds it open.
    case written
    /// A writer closed it (`IN_CLOSE_WRITE`) and nothing wrote since.
    case closed
    /// Renamed into the folder (`IN_MOVED_TO`) and nothing wrote since: the rename contract's "done".
    case movedIn
    /// No event about it, but its change time (which every write moves, and no `touch` can set
    /// back) is older than the settle period: it has been quiet that long (a file that was there
    /// before the appliance started, on a local disk).
    case quiet
    /// No event about it, and its change time is recent: it was written shortly before the
    /// appliance started watching, so a writer may still hold it open and only be pausing, which
    /// no event will tell (`run --once` started mid-upload). It must stay unchanged for
    /// ``SettleTracker/unwatchedSettlePeriod``, not only the settle period.
    case unwatched

    /// Whether the file is known complete: closed by its writer or renamed into place.
    public var isComplete: Bool { self == .closed || self == .movedIn }
}
