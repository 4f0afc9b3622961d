/// Where a request stands in the journal.
///
/// The usual walk is `claimed → read → querying → results-written → published → archived`;
/// a drop that cannot be served ends `refused` (receipt published) and then `quarantined`;
/// `failed-transient` waits for `nextAttemptAt` and re-enters the walk.
public enum RequestState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
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
    /// A transient failure; retried at `nextAttemptAt`.
    case failedTransient = "failed-transient"

    /// Whether nothing more will happen to the request (only retention of its input).
    public var isFinished: Bool { self == .archived || self == .quarantined }

    public var description: String { rawValue }
}
