import Glibc
import VTJCore

/// A drop moved out of the inbox into `<state>/claims/<department>/work/<id>/`: from here on it
/// is the appliance's, and nobody else can change or replace it.
package struct ClaimedFile: Sendable, Hashable {
    /// The drop's id given at the claim.
    package let id: DropID
    /// The department folder's name (the inbox sub-folder it came from).
    package let department: String
    /// The name as the department dropped it.
    package let originalName: DropFileName
    /// `<state>/claims/<department>/work/<id>`.
    package let folder: String
    /// `<folder>/<safe name>`: the claimed bytes.
    package let path: String
    /// The consumed `.done` marker inside ``folder``, when the department uses markers.
    package let markerPath: String?
    /// Size at claim time.
    package let size: Int64
    /// The input as the claim left it; nil for work resumed after a restart (unknown then).
    package let claimStamp: InputStamp?
    /// A fetch the appliance planned itself (its `toiminto`): nothing was dropped, nothing is read.
    package let planned: DropContent.Operation?

    package init(id: DropID, department: String, originalName: DropFileName, folder: String, path: String,
                markerPath: String?, size: Int64, claimStamp: InputStamp? = nil, planned: DropContent.Operation? = nil) {
        self.id = id
        self.department = department
        self.originalName = originalName
        self.folder = folder
        self.path = path
        self.markerPath = markerPath
        self.size = size
        self.claimStamp = claimStamp
        self.planned = planned
    }

    /// The input as it is now.
    package func currentStamp() -> InputStamp? { InputStamp.of(path: path) }

    /// The same claim, whatever was observed of its input (a resumed claim has no stamp).
    package static func == (lhs: ClaimedFile, rhs: ClaimedFile) -> Bool {
        lhs.id == rhs.id && lhs.department == rhs.department && lhs.originalName == rhs.originalName
            && lhs.folder == rhs.folder && lhs.path == rhs.path && lhs.markerPath == rhs.markerPath && lhs.size == rhs.size
            && lhs.planned == rhs.planned
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(path)
    }

    /// Reads the whole claimed file, refusing anything that is not a regular file within `limit`
    /// (opened with O_NOFOLLOW and O_NONBLOCK, checked with fstat before a byte is read).
    package func readAll(limit: Int64) throws(IntakeError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(operation: "opening", path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system(operation: "inspecting", path: path, errno: errno) }
        guard InboxEntry.Kind(mode: info.st_mode) == .regular, Int64(info.st_size) <= limit else {
            throw .system(operation: "reading (not a regular file within the size limit)", path: path, errno: EINVAL)
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .system(operation: "reading", path: path, errno: errno) }
            if count == 0 { break } // shrank meanwhile: what was there is what we have
            offset += count
        }
        return Array(bytes[0..<offset])
    }
}
