import Glibc
import GRDB

/// A small file beside the database, `vtjdrop.sqlite.mark`, holding the database's *generation*:
/// a number the appliance raises in the database (`PRAGMA user_version`, which no table and no
/// migration uses) and then in the mark, at every start and every few minutes while it runs.
///
/// Without it, a database deleted or truncated to 0 bytes was silently replaced by a new empty one
/// at start, and the audit log was gone without a word. Now a database that is missing, empty, or
/// an older copy (its generation is lower than the mark's) is refused. The mark knows nothing of
/// the database's tables, so schema changes never touch it. An operator who restores an older
/// backup on purpose removes the mark; the next start writes a new one.
package enum StateMarker {
    /// The mark's name inside the state folder.
    package static let fileName = StateLayout.databaseFileName + ".mark"
    /// How often a running appliance raises the generation (an older copy is refused from then on).
    static let interval: Duration = .seconds(600)

    /// The generation the mark records, or nil when there is no (readable) mark.
    static func recordedGeneration(stateFolder: String) -> Int64? {
        let descriptor = open(stateFolder + "/" + fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("generation ") {
            return Int64(line.dropFirst("generation ".count))
        }
        return nil
    }

    /// Refuses a database that vanished, or is older than the mark, without writing to it.
    static func check(stateFolder: String, database: String) throws(StorageError) {
        guard let recorded = recordedGeneration(stateFolder: stateFolder) else { return }
        var info = stat()
        guard lstat(database, &info) == 0 else {
            throw .lost(path: database, reason: "is missing, although \(fileName) says the appliance used it (generation \(recorded))")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let found: Int64
        do {
            let queue = try DatabaseQueue(path: database, configuration: configuration)
            found = try queue.read { db in try Int64.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            try queue.close()
        } catch {
            throw .cannotOpen(path: database, reason: StateDatabase.describe(error))
        }
        if found < recorded {
            let what = found == 0 ? "is empty or new" : "is an older copy (generation \(found))"
            throw .lost(path: database, reason: "\(what), although \(fileName) says generation \(recorded) was in use")
        }
    }

    /// Raises the database's generation, then the mark's (in that order: a crash in between leaves
    /// the database ahead, which is accepted). Returns the new generation.
    @discardableResult
    static func advance(_ pool: DatabasePool, stateFolder: String) throws(StorageError) -> Int64 {
        let generation: Int64
        do {
            generation = try pool.writeWithoutTransaction { db in
                let next = max(try Int64.fetchOne(db, sql: "PRAGMA user_version") ?? 0, recordedGeneration(stateFolder: stateFolder) ?? 0) + 1
                try db.execute(sql: "PRAGMA user_version = \(Int32(truncatingIfNeeded: next))")
                return next
            }
        } catch {
            throw StateDatabase.map(error, path: pool.path)
        }
        try record(generation: generation, stateFolder: stateFolder)
        return generation
    }

    /// Writes the mark (aside, synced and renamed into place, so a crash leaves the old mark or the new).
    static func record(generation: Int64, stateFolder: String) throws(StorageError) {
        let path = stateFolder + "/" + fileName
        let temporary = path + ".tmp"
        let text = Array("vtjdrop state mark 1\ngeneration \(generation)\n".utf8)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, StateDatabase.fileMode)
        guard descriptor >= 0 else { throw .cannotOpen(path: temporary, reason: String(cString: strerror(errno))) }
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = written == text.count && fsync(descriptor) == 0
        let code = errno
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            _ = unlink(temporary)
            throw .cannotOpen(path: path, reason: String(cString: strerror(synced ? errno : code)))
        }
        let folder = open(stateFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}
