import Foundation
import GRDB
import Synchronization
import VTJCore

/// The appliance's SQLite database in the state folder: journal, audit log and followed register.
///
/// One file (`vtjdrop.sqlite`) so that a request's journal entry, its audit rows and register
/// changes can share a transaction and one backup captures a consistent state. WAL mode lets the
/// `status` and `audit` commands read while the daemon writes; `synchronous=FULL` makes every
/// commit durable before the appliance acts on it (publishing, archiving, storing a log key).
package final class StateDatabase: Sendable {
    /// The database file.
    package let path: String
    let pool: DatabasePool
    /// Failed journal and audit-log writes are told here (the operator's metrics count them).
    package let writeFailures = WriteFailureSignal()
    /// The state folder, when this process owns it (the daemon, `run --once`): then the database
    /// is guarded by a ``StateMarker`` and its files are watched while running.
    private let guardedFolder: String?
    /// The files opened (database, write-ahead log) and when the generation was last raised.
    private let watched: Mutex<(database: FileIdentity?, log: FileIdentity?, marked: ContinuousClock.Instant)>

    /// The journal of requests.
    package var journal: Journal { Journal(pool: pool, failures: writeFailures) }
    /// The append-only audit log of interface queries.
    package var auditLog: AuditLog { AuditLog(pool: pool, failures: writeFailures) }
    /// The followed register (non-residents by department) and change-fetch log keys.
    package var followedRegister: FollowedRegister { FollowedRegister(pool: pool) }

    /// File mode of the database and its `-wal` / `-shm` companions (SQLite copies the main file's mode).
    package static let fileMode: mode_t = 0o640
    /// Mode of a state folder this code creates.
    package static let folderMode: mode_t = 0o750

    /// Opens (creating when allowed) `<stateFolder>/vtjdrop.sqlite` and brings its schema up to date.
    ///
    /// - Parameter create: false for read-mostly commands (`status`, `audit`): a missing database is
    ///   reported as ``StorageError/missing(path:)`` instead of an empty one being made.
    package init(stateFolder: String, create: Bool = true) throws(StorageError) {
        let path = stateFolder + "/" + StateLayout.databaseFileName
        self.path = path
        if create {
            try Self.ensureFolder(stateFolder)
            // Before anything may create a file: a database that vanished is never replaced silently.
            try StateMarker.check(stateFolder: stateFolder, database: path)
            try Self.ensureFile(path)
        } else if !FileManager.default.fileExists(atPath: path) {
            throw .missing(path: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "vtjdrop-state"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB picks NORMAL for WAL after prepareDatabase; the pool keeps one writer connection,
            // so raising it here covers every later write.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: Self.describe(error))
        }
        guardedFolder = create ? stateFolder : nil
        watched = Mutex((FileIdentity(path), FileIdentity(path + "-wal"), .now))
        if create { try StateMarker.advance(pool, stateFolder: stateFolder) }
    }

    /// Checks that the database files are still the ones opened — not unlinked, not replaced — and
    /// raises the generation every ``StateMarker/interval``. A database deleted while the appliance
    /// runs keeps taking writes into a file nobody can read, which vanish when the process ends: the
    /// caller must stop claiming and say so. Cheap (two `stat`s); the runner calls it every turn.
    package func verifyFiles() -> StorageError? {
        guard let folder = guardedFolder else { return nil }
        let now = (database: FileIdentity(path), log: FileIdentity(path + "-wal"))
        let problem: StorageError? = watched.withLock { seen in
            if let opened = seen.database, now.database?.sameFile(as: opened) != true {
                return .removedWhileRunning(path: path, reason: now.database == nil ? "was deleted while vtjdrop ran" : "was replaced while vtjdrop ran")
            }
            if let opened = seen.log, now.log?.sameFile(as: opened) != true {
                return .removedWhileRunning(path: path + "-wal", reason: now.log == nil ? "was deleted while vtjdrop ran" : "was replaced while vtjdrop ran")
            }
            if seen.log == nil { seen.log = now.log }
            return nil
        }
        if let problem { return problem }
        let due = watched.withLock { seen in
            guard ContinuousClock.now - seen.marked >= StateMarker.interval else { return false }
            seen.marked = .now
            return true
        }
        // A failure (a full disk) leaves the mark behind the database, which the check accepts.
        if due { _ = try? StateMarker.advance(pool, stateFolder: folder) }
        return nil
    }


    /// Runs `body` in one write transaction, mapping SQLite errors to ``StorageError``.
    func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        try Self.write(pool, body)
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        try Self.read(pool, body)
    }

    static func write<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws(StorageError) -> T {
        do { return try pool.write(body) } catch { throw map(error, path: pool.path) }
    }

    /// Runs `body` in one write transaction committed as `durability` says: a ``CommitDurability/deferred``
    /// commit is not synced on its own (`synchronous=NORMAL` for this transaction only; the next synced
    /// commit makes it durable with itself), so a step whose loss only means a walk is redone costs no `fsync`.
    static func write<T>(_ pool: DatabasePool, _ durability: CommitDurability,
                         _ body: (Database) throws -> T) throws(StorageError) -> T {
        guard durability == .deferred else { return try write(pool, body) }
        do {
            // The pool's one writer connection runs this whole closure, so no other write sees the lower level.
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                var value: T?
                let outcome = Result { try db.inTransaction(.immediate) { value = try body(db); return .commit } }
                // Back to FULL whatever happened: every other write relies on it.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try outcome.get()
                return value!
            }
        } catch { throw map(error, path: pool.path) }
    }

    static func read<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws(StorageError) -> T {
        do { return try pool.read(body) } catch { throw map(error, path: pool.path) }
    }

    static func map(_ error: any Error, path: String) -> StorageError {
        if let storage = error as? StorageError { return storage }
        if let database = error as? DatabaseError,
           database.resultCode == .SQLITE_CORRUPT || database.resultCode == .SQLITE_NOTADB {
            return .damaged(path: path, reason: describe(error))
        }
        return .database(describe(error))
    }

    /// SQLite's message without the statement (whose arguments could hold hetus).
    static func describe(_ error: any Error) -> String {
        if let database = error as? DatabaseError {
            return database.message ?? "SQLite error \(database.resultCode.rawValue)"
        }
        return "\(error)"
    }

    private static func ensureFolder(_ folder: String) throws(StorageError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .cannotCreateFolder(path: folder, reason: "a file is in the way") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: NSNumber(value: folderMode)])
        } catch {
            throw .cannotCreateFolder(path: folder, reason: "\(error.localizedDescription)")
        }
    }

    /// Creates the database file with mode 0640 before SQLite does, whatever the umask.
    private static func ensureFile(_ path: String) throws(StorageError) {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, fileMode)
        if fd < 0 {
            if errno == EEXIST { return }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        if fchmod(fd, fileMode) != 0 {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Which file a path names (device and inode).
struct FileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    func sameFile(as other: FileIdentity) -> Bool { device == other.device && inode == other.inode }
}
