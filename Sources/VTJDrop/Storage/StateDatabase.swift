import Foundation
import GRDB

/// The appliance's SQLite database in the state folder: journal, audit log and followed register.
///
/// One file (`vtjdrop.sqlite`) so that a request's journal entry, its audit rows and register
/// changes can share a transaction and one backup captures a consistent state. WAL mode lets the
/// `status` and `audit` commands read while the daemon writes; `synchronous=FULL` makes every
/// commit durable before the appliance acts on it (publishing, archiving, storing a log key).
public final class StateDatabase: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// Failed journal and audit-log writes are told here (the operator's metrics count them).
    public let writeFailures = WriteFailureSignal()

    /// The journal of requests.
    public var journal: Journal { Journal(pool: pool, failures: writeFailures) }
    /// The append-only audit log of interface queries.
    public var auditLog: AuditLog { AuditLog(pool: pool, failures: writeFailures) }
    /// The followed register (non-residents by department) and change-fetch log keys.
    public var followedRegister: FollowedRegister { FollowedRegister(pool: pool) }

    /// File mode of the database and its `-wal` / `-shm` companions (SQLite copies the main file's mode).
    public static let fileMode: mode_t = 0o640
    /// Mode of a state folder this code creates.
    public static let folderMode: mode_t = 0o750

    /// Opens (creating when allowed) `<stateFolder>/vtjdrop.sqlite` and brings its schema up to date.
    ///
    /// - Parameter create: false for read-mostly commands (`status`, `audit`): a missing database is
    ///   reported as ``StorageError/missing(path:)`` instead of an empty one being made.
    public init(stateFolder: String, create: Bool = true) throws(StorageError) {
        let path = stateFolder + "/" + StateLayout.databaseFileName
        self.path = path
        if create {
            try Self.ensureFolder(stateFolder)
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
    }

    /// The journal mode in force (`wal`), read back from SQLite.
    public func journalMode() throws(StorageError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The synchronous level in force on writes (2 = FULL).
    public func synchronousLevel() throws(StorageError) -> Int {
        try write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
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
        do { return try pool.write(body) } catch { throw map(error) }
    }

    static func read<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws(StorageError) -> T {
        do { return try pool.read(body) } catch { throw map(error) }
    }

    static func map(_ error: any Error) -> StorageError {
        if let storage = error as? StorageError { return storage }
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
