import VTJCore

/// Why the state database could not be used; messages name the path and what to do, never a hetu or secret.
package enum StorageError: Error, Sendable, CustomStringConvertible {
    /// The state folder could not be created or is not a folder.
    case cannotCreateFolder(path: String, reason: String)
    /// The database exists but could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// There is no database yet (commands that only read do not create one).
    case missing(path: String)
    /// A transition was recorded for a request the journal never saw claimed.
    case unknownRequest(String)
    /// A state change ``DropLifecycle/isLegal(from:to:)`` forbids (a bug: retrying cannot help).
    case illegalTransition(dropID: String, from: DropState, to: DropState)
    /// SQLite refused an operation (the statement's arguments are never included).
    case database(String)
    /// A stored value could not be read back (the database was edited by hand or damaged).
    case corrupt(String)
    /// SQLite found damaged pages (or a file that is not a database): nothing written can be trusted.
    case damaged(path: String, reason: String)
    /// The database vanished, or is older than the one the appliance last used (``StateMarker``).
    case lost(path: String, reason: String)
    /// A database file was deleted or replaced while the appliance ran on it.
    case removedWhileRunning(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason):
            "cannot create the state folder \(path): \(reason); create it and give the service user write access"
        case .cannotOpen(let path, let reason):
            "cannot open the state database \(path): \(reason); check its owner and permissions (0640, service user)"
        case .missing(let path):
            "no state database at \(path); point --state (or --config) at the appliance's state folder"
        case .unknownRequest(let id):
            "the journal has no request \(id); record its claim first"
        case .illegalTransition(let id, let from, let to):
            "the journal refused to move request \(id) from \(from) to \(to), a step its lifecycle does not allow; report this as a bug with the log"
        case .database(let message):
            "state database error: \(message)"
        case .corrupt(let message):
            "the state database holds an unreadable value (\(message)); restore it from backup or inspect it with sqlite3"
        case .damaged(let path, let reason):
            "the state database \(path) is damaged (\(reason)); stop vtjdrop and restore the state folder from backup (docs/operations.md, \"Backup\")"
        case .lost(let path, let reason):
            "the state database \(path) \(reason): the journal and audit log may be lost; restore the state folder from backup "
                + "(docs/operations.md, \"Backup\"); if an older backup was restored on purpose, remove \(StateMarker.fileName) beside it and start again"
        case .removedWhileRunning(let path, let reason):
            "the state file \(path) \(reason): what was written to it since may be lost with it, so vtjdrop stops; "
                + "restore the state folder from backup (docs/operations.md, \"Backup\") and start vtjdrop again"
        }
    }
}

extension StorageError {
    /// Whether this is a refused illegal state change (never worth writing again).
    var isIllegalTransition: Bool {
        if case .illegalTransition = self { return true }
        return false
    }
}
