import Glibc
import VTJCore

/// Claims ready files by atomic rename from `inbox/<department>/` into
/// `<state>/claims/<department>/work/<id>/` (`Appliance.claimer(_:)`).
///
/// `lstat` first: only a regular file within the size limit is moved. Because `rename` moves a
/// symbolic link itself, a file swapped for a link between the check and the rename is caught
/// by a second `lstat` in the work folder and never opened.
package struct Claimer: Sendable {
    /// What became of one claim attempt.
    package enum Outcome: Sendable, Hashable {
        case claimed(ClaimedFile)
        /// The file is gone (claimed by someone else, deleted, renamed): nothing to do.
        case vanished
        /// Not a regular file within the limit; left where it was (or, if it was swapped in
        /// during the claim, moved to ``refusedPath``), never opened.
        case refused(InboxListing.Refusal, refusedPath: String?)
    }

    /// `<state>/claims/<department>/work`.
    package let workFolder: String
    /// Larger files are refused without being opened.
    package var maximumFileBytes: Int64
    /// Test seam: runs between the check and the rename (where a hostile swap would strike).
    var beforeRename: (@Sendable () -> Void)?

    package init(stateFolder: String, maximumFileBytes: Int64 = 64 << 20) {
        self.workFolder = stateFolder + "/work"
        self.maximumFileBytes = maximumFileBytes
    }

    /// Creates the work folder (0700) when missing.
    package func prepare() throws(IntakeError) {
        let code = FileSystemCall.makeFolders(workFolder, mode: 0o700)
        if code != 0 { throw .system(operation: "creating", path: workFolder, errno: code) }
    }

    /// Claims `name` from `inbox/<department>` (`departmentFolder`) under `id`, then moves its
    /// `.done` marker (if any) along so it is consumed.
    package func claim(_ name: DropFileName, department: String, from departmentFolder: String,
                      marker: DropFileName? = nil, id: DropID) throws(IntakeError) -> Outcome {
        let source = FileSystemCall.openFolder(departmentFolder)
        guard source >= 0 else { throw .system(operation: "opening", path: departmentFolder, errno: errno) }
        defer { close(source) }
        guard let info = FileSystemCall.lstat(at: source, name.raw) else {
            if errno == ENOENT { return .vanished }
            throw .system(operation: "inspecting", path: departmentFolder + "/" + name.display, errno: errno)
        }
        if let refusal = refusal(info) { return .refused(refusal, refusedPath: nil) }

        let work = try openWorkFolder()
        defer { close(work) }
        guard mkdirat(work, id.value, 0o700) == 0 else {
            throw .system(operation: "creating", path: workFolder + "/" + id.value, errno: errno)
        }
        let target = FileSystemCall.openFolder(at: work, id.value)
        guard target >= 0 else { throw .system(operation: "opening", path: workFolder + "/" + id.value, errno: errno) }
        defer { close(target) }
        let folder = workFolder + "/" + id.value
        let safeName = name.safeName
        let record = ClaimRecord(department: department, originalName: name.display, input: safeName)
        let noted = record.write(in: target)
        guard noted == 0 else {
            _ = unlinkat(target, ClaimRecord.fileName, 0)
            _ = unlinkat(work, id.value, AT_REMOVEDIR)
            throw .system(operation: "writing the claim note in", path: folder, errno: noted)
        }
        beforeRename?()
        let moved = FileSystemCall.withName(name.raw) { renameat(source, $0, target, safeName) }
        guard moved == 0 else {
            let code = errno
            _ = unlinkat(target, ClaimRecord.fileName, 0)
            _ = unlinkat(work, id.value, AT_REMOVEDIR)
            if code == ENOENT { return .vanished }
            if code == EXDEV { throw .crossDevice(from: departmentFolder, to: workFolder) }
            throw .system(operation: "claiming", path: departmentFolder + "/" + name.display, errno: code)
        }
        // What we moved must still be what we checked; a swapped-in link or FIFO stays unopened.
        guard let claimed = FileSystemCall.lstat(at: target, Array(safeName.utf8)) else {
            throw .system(operation: "inspecting", path: folder + "/" + safeName, errno: errno)
        }
        if let refusal = refusal(claimed) { return .refused(refusal, refusedPath: folder + "/" + safeName) }

        var markerPath: String?
        if let marker {
            let markerName = safeName + ReadinessMode.markerSuffix
            if FileSystemCall.withName(marker.raw, { renameat(source, $0, target, markerName) }) == 0 {
                markerPath = folder + "/" + markerName
            }
        }
        FileSystemCall.syncFolder(target)
        FileSystemCall.syncFolder(work)
        FileSystemCall.syncFolder(source)
        return .claimed(ClaimedFile(id: id, department: department, originalName: name, folder: folder,
                                    path: folder + "/" + safeName, markerPath: markerPath, size: Int64(claimed.st_size),
                                    claimStamp: InputStamp(claimed)))
    }

    private func refusal(_ info: stat) -> InboxListing.Refusal? {
        let kind = InboxEntry.Kind(mode: info.st_mode)
        if kind != .regular { return .notAFile(kind) }
        if Int64(info.st_size) > maximumFileBytes { return .tooLarge(size: Int64(info.st_size), limit: maximumFileBytes) }
        // sftp-server publishes with link() + unlink(): two links for a moment, so this refusal
        // is not final; the next pass claims the file once it has a single name.
        if info.st_nlink > 1 { return .hardLinked(links: Int(info.st_nlink)) }
        return nil
    }
}
