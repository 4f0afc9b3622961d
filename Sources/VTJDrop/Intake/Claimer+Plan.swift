import Glibc
import VTJCore

extension Claimer {
    /// Claims a fetch the appliance planned itself (a scheduled change delivery) under `id`: its
    /// work folder holds the claim note alone, naming the `toiminto`, so a crash before the result
    /// resumes the same fetch once (the note is the plan) and nothing is written to any inbox.
    package func plan(_ operation: DropContent.Operation, department: String, name: DropFileName,
                     id: DropID) throws(IntakeError) -> ClaimedFile {
        let work = try openWorkFolder()
        defer { close(work) }
        let folder = workFolder + "/" + id.value
        guard mkdirat(work, id.value, 0o700) == 0 else { throw .system(operation: "creating", path: folder, errno: errno) }
        let target = FileSystemCall.openFolder(at: work, id.value)
        guard target >= 0 else { throw .system(operation: "opening", path: folder, errno: errno) }
        defer { close(target) }
        let noted = ClaimRecord(department: department, originalName: name.display, input: "", planned: operation.rawValue)
            .write(in: target)
        guard noted == 0 else {
            _ = unlinkat(target, ClaimRecord.fileName, 0)
            _ = unlinkat(work, id.value, AT_REMOVEDIR)
            throw .system(operation: "writing the claim note in", path: folder, errno: noted)
        }
        FileSystemCall.syncFolder(target)
        FileSystemCall.syncFolder(work)
        return ClaimedFile(id: id, department: department, originalName: name, folder: folder, path: folder,
                           markerPath: nil, size: 0, planned: operation)
    }

    /// Opens the work folder (the caller closes it). A work folder removed under a running
    /// appliance is made again, or nothing would be claimed until a restart.
    func openWorkFolder() throws(IntakeError) -> Int32 {
        var work = FileSystemCall.openFolder(workFolder)
        if work < 0 && errno == ENOENT {
            try prepare()
            work = FileSystemCall.openFolder(workFolder)
        }
        guard work >= 0 else { throw .system(operation: "opening", path: workFolder, errno: errno) }
        return work
    }
}
