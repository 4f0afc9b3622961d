/// Whether a state-database commit must be on the disk before the appliance goes on.
///
/// The database is in WAL mode: a commit is appended to the log, and syncing the log makes it and
/// every commit before it durable, in order. So a commit whose loss on power failure only means
/// the walk is done again need not wait for its own `fsync`: the next synced commit carries it.
public enum CommitDurability: Sendable, Hashable {
    /// Synced before the commit returns (`synchronous=FULL`): the appliance acts on it outside the
    /// database (a message leaves, a file is renamed, the input is moved).
    case synced
    /// In the log, synced with the next synced commit (`synchronous=NORMAL`): lost on power
    /// failure, the journal is one or more steps behind and recovery walks the drop again.
    case deferred

    /// What journaling `state` needs. `claimed`, `read`, `querying` and `results-written` only say
    /// how far a walk came; recovery walks a drop in any of them again from the start
    /// (``DropLifecycle/next(inState:)``), so losing them changes nothing. A lost claim is a work
    /// folder the journal does not know, as after a crash between the claim's rename and its
    /// commit: recovery finds it by its claim note and walks it (its input stamp lost, the input
    /// waits to be quiet first). Nothing leaves before the audit query's synced commit, which
    /// carries the claim. `published` (with the disclosure), the finishing moves and an attempt's
    /// failure are acted upon.
    public static func journaling(_ state: DropState) -> CommitDurability {
        switch state {
        case .claimed, .read, .querying, .resultsWritten: .deferred
        case .published, .archived, .refused, .quarantined, .failedTransient: .synced
        }
    }
}
