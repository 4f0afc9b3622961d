/// Where a drop stands in the journal (the raw values are the journal's `state` column).
///
/// The usual walk is `claimed → read → querying → results-written → published → archived`;
/// a drop that cannot be served ends `refused` (receipt published) and then `quarantined`;
/// `failed-transient` waits for its next attempt and re-enters the walk. Which moves are legal is
/// ``DropLifecycle/isLegal(from:to:)``.
public enum DropState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Moved into the state's work folder; nothing read yet.
    case claimed
    /// Parsed: toiminto, purpose and hetus are known.
    case read
    /// Messages are being sent to the interface.
    case querying
    /// Result and receipt written to temp files and fsynced, not yet visible.
    case resultsWritten = "results-written"
    /// Result and receipt are in the department's outbox.
    case published
    /// The input is in the archive: done.
    case archived
    /// The whole drop was refused; its receipt says why.
    case refused
    /// The input is in quarantine: done.
    case quarantined
    /// A transient failure; retried at its next attempt.
    case failedTransient = "failed-transient"

    /// Whether nothing more will happen to the drop (only retention of its input).
    public var isFinished: Bool { self == .archived || self == .quarantined }

    /// Whether the drop is somewhere in its walk: it may be walked (again) from here.
    public var isInWalk: Bool {
        switch self {
        case .claimed, .read, .querying, .resultsWritten, .failedTransient: true
        case .published, .archived, .refused, .quarantined: false
        }
    }

    public var description: String { rawValue }
}
