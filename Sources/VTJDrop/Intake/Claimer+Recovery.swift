import Glibc
import VTJCore

extension Claimer {
    /// What a work folder left by an earlier run holds.
    package enum Leftover: Sendable, Hashable {
        /// A complete claim: resume it (the journal says how far it got).
        case claimed(ClaimedFile)
        /// A claim that never got its file (crash between note and rename): removed.
        case removedEmpty(folder: String)
        /// Something the appliance cannot account for: left for the operator (quarantine it).
        case unknown(folder: String)
    }

    /// Lists `<state>/claims/<department>/work` after a restart, oldest drop first; empty claims are removed.
    package func leftovers() throws(IntakeError) -> [Leftover] {
        let work = FileSystemCall.openFolder(workFolder)
        guard work >= 0 else {
            if errno == ENOENT { return [] }
            throw .system(operation: "opening", path: workFolder, errno: errno)
        }
        defer { close(work) }
        var names: [String] = []
        try InboxScanner.forEachName(in: work, folder: workFolder) { raw in names.append(String(decoding: raw, as: UTF8.self)) }
        var leftovers: [Leftover] = []
        for name in names.sorted() {
            let folder = workFolder + "/" + name
            guard let id = DropID(name) else {
                leftovers.append(.unknown(folder: folder))
                continue
            }
            let descriptor = FileSystemCall.openFolder(at: work, name)
            guard descriptor >= 0 else {
                leftovers.append(.unknown(folder: folder))
                continue
            }
            defer { close(descriptor) }
            guard let record = ClaimRecord.read(in: descriptor) else {
                leftovers.append(.unknown(folder: folder))
                continue
            }
            guard let info = FileSystemCall.lstat(at: descriptor, Array(record.input.utf8)) else {
                _ = unlinkat(descriptor, ClaimRecord.fileName, 0)
                leftovers.append(unlinkat(work, name, AT_REMOVEDIR) == 0 ? .removedEmpty(folder: folder) : .unknown(folder: folder))
                continue
            }
            guard InboxEntry.Kind(mode: info.st_mode) == .regular else {
                leftovers.append(.unknown(folder: folder))
                continue
            }
            let markerName = record.input + ReadinessMode.markerSuffix
            let marker = FileSystemCall.lstat(at: descriptor, Array(markerName.utf8)) != nil ? folder + "/" + markerName : nil
            leftovers.append(.claimed(ClaimedFile(id: id, department: record.department,
                                                  originalName: DropFileName(displayed: record.originalName),
                                                  folder: folder, path: folder + "/" + record.input,
                                                  markerPath: marker, size: Int64(info.st_size))))
        }
        return leftovers
    }
}
