import Glibc

/// A small file beside the database, `vtjdrop.sqlite.mark`, saying that the state folder has a
/// database and how large it has grown. Without it, a database deleted or truncated to 0 bytes was
/// silently replaced by a new empty one at start, and the audit log was gone without a word.
///
/// The database file only grows (vtjdrop never vacuums; SQLite reuses freed pages), so a file
/// smaller than the mark, or none at all, means it was lost or an older copy was put back. The
/// mark knows nothing of the database's tables, so schema changes never touch it. An operator who
/// restores an older backup on purpose removes the mark; the next start writes a new one.
public enum StateMarker {
    /// The mark's name inside the state folder.
    public static let fileName = StateLayout.databaseFileName + ".mark"

    /// The size the mark records, or nil when there is no (readable) mark.
    static func recordedSize(stateFolder: String) -> Int64? {
        let descriptor = open(stateFolder + "/" + fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("bytes ") {
            return Int64(line.dropFirst("bytes ".count))
        }
        return nil
    }

    /// Refuses a database that vanished or shrank since the mark was written.
    static func check(stateFolder: String, database: String) throws(StorageError) {
        guard let recorded = recordedSize(stateFolder: stateFolder) else { return }
        var info = stat()
        guard lstat(database, &info) == 0 else {
            throw .lost(path: database, reason: "is missing, although \(fileName) says it held \(recorded) bytes")
        }
        if Int64(info.st_size) < recorded {
            throw .lost(path: database, reason: "has \(info.st_size) bytes, less than the \(recorded) bytes it held (\(fileName))")
        }
    }

    /// Records `size` (written aside, synced and renamed into place, so a crash leaves the old mark or the new).
    static func record(size: Int64, stateFolder: String) throws(StorageError) {
        let path = stateFolder + "/" + fileName
        let temporary = path + ".tmp"
        let text = Array("vtjdrop state mark 1\nbytes \(size)\n".utf8)
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
