import Glibc
import VTJCore

/// Lists a department's inbox folder with `readdir` + `lstat` only: nothing in it is opened, so
/// symbolic links, FIFOs, sockets, devices and folders can neither be read nor block the scan.
package struct InboxScanner: Sendable {
    /// Larger files are refused without being opened.
    package var maximumFileBytes: Int64

    package init(maximumFileBytes: Int64 = 64 << 20) {
        self.maximumFileBytes = maximumFileBytes
    }

    /// Scans one folder (names are bytes; nothing is ever built into a path from them).
    package func scan(folder: String) throws(IntakeError) -> InboxListing {
        let descriptor = FileSystemCall.openFolder(folder)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOTDIR || code == ELOOP { throw .notAFolder(path: folder) }
            throw .system(operation: "opening", path: folder, errno: code)
        }
        defer { close(descriptor) }
        var listing = InboxListing()
        try InboxScanner.forEachName(in: descriptor, folder: folder) { raw in
            guard let info = FileSystemCall.lstat(at: descriptor, raw) else { return } // vanished meanwhile
            let entry = InboxEntry(name: DropFileName(raw: raw), kind: InboxEntry.Kind(mode: info.st_mode),
                                   stamp: FileSystemCall.stamp(info), changedNanoseconds: FileSystemCall.changed(info),
                                   links: Int(info.st_nlink))
            // Names that are never picked up (dot-files, uploads in progress) are not reported:
            // a growing `.part` upload past the size limit is nobody's mistake yet.
            let excluded = DropNameRule.exclusion(for: entry.name.display) != nil
            if excluded && (entry.kind != .regular || entry.stamp.size > maximumFileBytes) { return }
            if entry.kind != .regular {
                listing.refused.append((entry, .notAFile(entry.kind)))
            } else if entry.stamp.size > maximumFileBytes {
                listing.refused.append((entry, .tooLarge(size: entry.stamp.size, limit: maximumFileBytes)))
            } else {
                listing.files[entry.name.display] = entry
            }
        }
        return listing
    }

    /// Names under the inbox root that are not configured departments (their files stay where
    /// they are; the operator is told). Dot-names are left out.
    package func unconfiguredFolders(inbox: String, departments: Set<String>) throws(IntakeError) -> [DropFileName] {
        let descriptor = FileSystemCall.openFolder(inbox)
        guard descriptor >= 0 else { throw .system(operation: "opening", path: inbox, errno: errno) }
        defer { close(descriptor) }
        var names: [DropFileName] = []
        try InboxScanner.forEachName(in: descriptor, folder: inbox) { raw in
            let name = DropFileName(raw: raw)
            if !name.display.hasPrefix(".") && !departments.contains(name.display) { names.append(name) }
        }
        return names.sorted { $0.display < $1.display }
    }

    /// Calls `body` with every name except `.` and `..` (`descriptor` stays open).
    static func forEachName(in descriptor: Int32, folder: String, _ body: ([UInt8]) -> Void) throws(IntakeError) {
        // fdopendir takes over the descriptor it gets; the caller keeps its own for *at calls.
        let duplicate = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard duplicate >= 0, let directory = fdopendir(duplicate) else {
            let code = errno
            if duplicate >= 0 { close(duplicate) }
            throw .system(operation: "listing", path: folder, errno: code)
        }
        defer { closedir(directory) }
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw .system(operation: "listing", path: folder, errno: errno) }
                return
            }
            let raw: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { bytes in
                Array(bytes.prefix { $0 != 0 })
            }
            if raw == [0x2E] || raw == [0x2E, 0x2E] || raw.isEmpty { continue }
            body(raw)
        }
    }
}
