import Glibc
import VTJCore

/// Moves finished work into `<state>/archive/YYYY-MM-DD/` and refused drops into
/// `<state>/quarantine/`, by rename without overwriting. A taken name gets a numbered suffix,
/// a bounded number of times: a failed move ends in an error, never in a loop.
package struct FileMover: Sendable {
    /// `<state>/archive`.
    package let archiveFolder: String
    /// `<state>/quarantine`.
    package let quarantineFolder: String
    /// How many numbered alternatives are tried before giving up.
    package var attempts: Int

    package init(stateFolder: String, attempts: Int = 100) {
        self.archiveFolder = stateFolder + "/archive"
        self.quarantineFolder = stateFolder + "/quarantine"
        self.attempts = attempts
    }

    /// Archives a drop's work folder (`<state>/claims/<department>/work/<id>`) under its claim date;
    /// returns where it went.
    @discardableResult
    package func archive(workFolder: String, id: DropID) throws(DeliveryError) -> String {
        try move(workFolder, into: archiveFolder + "/" + id.datePart, as: id.value)
    }

    /// Quarantines a request's work folder (its input could not be processed).
    @discardableResult
    package func quarantine(workFolder: String, id: DropID) throws(DeliveryError) -> String {
        try move(workFolder, into: quarantineFolder, as: id.value)
    }

    /// Quarantines an entry left in an inbox folder (a link, FIFO or oversize file): the entry
    /// itself is renamed (a link is moved, never followed; nothing is opened).
    @discardableResult
    package func quarantine(_ name: DropFileName, department: String, from departmentFolder: String,
                           id: DropID) throws(DeliveryError) -> String {
        let source = open(departmentFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard source >= 0 else { throw .system(operation: "opening", path: departmentFolder, errno: errno) }
        defer { close(source) }
        return try move(from: source, raw: name.raw, shown: departmentFolder + "/" + name.display,
                        into: quarantineFolder, as: id.value + "-" + department + "-" + name.safeName)
    }

    /// Quarantines an entry refused in an inbox folder as `<state>/quarantine/<id>/<safe name>`:
    /// the entry itself is renamed (rename(2) moves a link, never its target; nothing is opened),
    /// and its own folder lets retention delete it like any quarantined request.
    ///
    /// A `.claim` note (department, name, reason) is written into that folder first, so a crash
    /// between the rename and the journal leaves an entry the next start can still answer.
    @discardableResult
    func quarantineEntry(_ name: DropFileName, department: String, reason: String, from departmentFolder: String,
                         id: DropID) throws(DeliveryError) -> String {
        let source = open(departmentFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard source >= 0 else { throw .system(operation: "opening", path: departmentFolder, errno: errno) }
        defer { close(source) }
        let folder = quarantineFolder + "/" + id.value
        try makeFolders(folder)
        let target = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard target >= 0 else { throw .system(operation: "opening", path: folder, errno: errno) }
        let note = ClaimRecord(department: department, originalName: name.display, input: name.safeName, reason: reason)
        let code = note.write(in: target)
        close(target)
        guard code == 0 else { throw .system(operation: "writing", path: folder + "/" + ClaimRecord.fileName, errno: code) }
        return try move(from: source, raw: name.raw, shown: departmentFolder + "/" + name.display, into: folder, as: name.safeName)
    }

    private func makeFolders(_ folder: String) throws(DeliveryError) {
        var current = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST { throw .system(operation: "creating", path: current, errno: errno) }
        }
    }

    private func move(_ path: String, into folder: String, as name: String) throws(DeliveryError) -> String {
        let slash = path.lastIndex(of: "/")
        let parentPath = slash.map { String(path[..<$0]) } ?? "."
        let leaf = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let parent = open(parentPath.isEmpty ? "/" : parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { throw .system(operation: "opening", path: parentPath, errno: errno) }
        defer { close(parent) }
        return try move(from: parent, raw: Array(leaf.utf8), shown: path, into: folder, as: name)
    }

    private func move(from source: Int32, raw: [UInt8], shown: String, into folder: String, as name: String) throws(DeliveryError) -> String {
        try makeFolders(folder)
        let target = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard target >= 0 else { throw .system(operation: "opening", path: folder, errno: errno) }
        defer { close(target) }
        for attempt in 0...attempts {
            let candidate = attempt == 0 ? name : name + "-\(attempt)"
            var info = stat()
            let isFolder = FileSystemCall.withName(raw) { fstatat(source, $0, &info, AT_SYMLINK_NOFOLLOW) } == 0
                && info.st_mode & 0o170000 == 0o040000
            let code = NoReplaceRename.rename(source, raw, target, candidate, isFolder: isFolder)
            if code == 0 {
                _ = fsync(target)
                _ = fsync(source)
                return folder + "/" + candidate
            }
            guard code == EEXIST || code == ENOTEMPTY || code == ENOTDIR else {
                throw .system(operation: "moving", path: shown, errno: code)
            }
        }
        throw .noFreeName(path: folder + "/" + name, attempts: attempts)
    }
}
