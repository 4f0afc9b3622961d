import Glibc

/// Publishes results and receipts into one department's outbox folder atomically and without
/// ever overwriting: write to a temp file in `outbox/<dept>/.vtjdrop-tmp/` (O_EXCL, explicit
/// mode), fsync, rename into place with RENAME_NOREPLACE (or link + unlink), fsync the folder.
package struct Publisher: Sendable {
    /// The hidden temp folder inside each outbox folder (same file system, so rename works).
    package static let temporaryFolderName = ".vtjdrop-tmp"

    /// `outbox/<department>`.
    package let folder: String
    /// Permissions of published files, set with fchmod (never left to the umask).
    package var fileMode: mode_t
    /// A group to give published files (the department's readers), if any.
    package var group: gid_t?
    /// Test hook: publish with link + unlink even where renameat2 works.
    var forceLinkFallback = false

    /// A taken final name is refused with ``DeliveryError/alreadyExists(path:)``: every name carries
    /// its request id, so a collision is a second publication, never a name to work around.
    package init(folder: String, fileMode: mode_t = 0o640, group: gid_t? = nil) {
        self.folder = folder
        self.fileMode = fileMode
        self.group = group
    }

    /// `outbox/<department>/.vtjdrop-tmp`.
    package var temporaryFolder: String { folder + "/" + Publisher.temporaryFolderName }

    /// Creates the outbox folder and its parents when missing, and its temp folder (0750, set
    /// explicitly; setgid kept when the outbox folder has it).
    ///
    /// The department reads its results through the outbox folder's group (`2750 vtjdrop:vtj-<dept>`).
    /// Files are made in the temp folder and renamed into place, so they take the temp folder's
    /// group: clearing its setgid bit (a plain 0750) gave results the service's own group, which
    /// the department could not read.
    package func prepare() throws(DeliveryError) {
        let created = FileSystemCall.makeFolders(temporaryFolder, mode: 0o750)
        if created != 0 { throw .system(operation: "creating", path: temporaryFolder, errno: created) }
        let temporary = open(temporaryFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard temporary >= 0 else { throw .system(operation: "opening", path: temporaryFolder, errno: errno) }
        defer { close(temporary) }
        var outbox = stat()
        let inherit = stat(folder, &outbox) == 0 ? outbox.st_mode & S_ISGID : 0
        // Best effort: the folder made here already has the outbox's group; one made otherwise may
        // need it (chown to a group the service is not in fails, and then the mode still helps).
        if inherit != 0 { _ = fchown(temporary, uid_t.max, outbox.st_gid) }
        guard fchmod(temporary, 0o750 | inherit) == 0 else { throw .system(operation: "setting permissions of", path: temporaryFolder, errno: errno) }
    }

    /// Removes temp files left by an earlier run that stopped mid-write (safe: the state lock
    /// guarantees no other instance writes here). Returns how many were removed.
    @discardableResult
    package func removeStaleTemporaryFiles() throws(DeliveryError) -> Int {
        let temporary = open(temporaryFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard temporary >= 0 else {
            if errno == ENOENT { return 0 }
            throw .system(operation: "opening", path: temporaryFolder, errno: errno)
        }
        defer { close(temporary) }
        guard let listing = fdopendir(fcntl(temporary, F_DUPFD_CLOEXEC, 0)) else {
            throw .system(operation: "listing", path: temporaryFolder, errno: errno)
        }
        defer { closedir(listing) }
        var names: [String] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." && entry.pointee.d_type != UInt8(DT_DIR) { names.append(name) }
        }
        var removed = 0
        for name in names where unlinkat(temporary, name, 0) == 0 { removed += 1 }
        return removed
    }

    /// Starts a result file that becomes visible as `name` only on ``PendingFile/commit()``.
    package func begin(_ name: String) throws(DeliveryError) -> PendingFile {
        try Publisher.validate(name)
        var temporary = open(temporaryFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if temporary < 0 && errno == ENOENT {
            // Someone cleaned the outbox of its hidden temp folder: make it again, or every
            // result would fail until a restart.
            try prepare()
            temporary = open(temporaryFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard temporary >= 0 else { throw .system(operation: "opening", path: temporaryFolder, errno: errno) }
        var generator = SystemRandomNumberGenerator()
        // Not derived from `name`: a 255-byte name plus a suffix would not fit.
        let temporaryName = "pending-" + String(generator.next() as UInt64, radix: 36) + ".part"
        let injected = DeliveryFaultInjection.error(at: .create, folder: folder)
        let descriptor = injected != nil ? -1
            // Read-write: a result may have to withdraw a person's rows before it is published.
            : openat(temporary, temporaryName, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = injected ?? errno
            close(temporary)
            throw .system(operation: "creating", path: temporaryFolder + "/" + temporaryName, errno: code)
        }
        let prepared = fchmod(descriptor, fileMode) == 0 && (group.map { fchown(descriptor, uid_t.max, $0) == 0 } ?? true)
        guard prepared else {
            let code = errno
            close(descriptor)
            _ = unlinkat(temporary, temporaryName, 0)
            close(temporary)
            throw .system(operation: "setting permissions of", path: temporaryFolder + "/" + temporaryName, errno: code)
        }
        return PendingFile(publisher: self, name: name, temporaryFolder: temporary, temporaryName: temporaryName, descriptor: descriptor)
    }

    /// Publishes bytes held in memory (small files: receipts).
    @discardableResult
    package func publish(_ name: String, bytes: some Collection<UInt8>) throws(DeliveryError) -> String {
        let pending = try begin(name)
        do throws(DeliveryError) {
            try pending.append(bytes)
            return try pending.commit()
        } catch {
            pending.abandon()
            throw error
        }
    }

    /// A plain single file name: no `/`, no NUL, no leading dot, not empty, at most 255 bytes.
    static func validate(_ name: String) throws(DeliveryError) {
        guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix("."), !name.contains("/"), !name.utf8.contains(0)
        else { throw .invalidName(name) }
    }
}
