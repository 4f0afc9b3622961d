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
        let (descriptor, size) = try openChecked(limit: limit)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: size)
        let count = try readFully(descriptor, into: &bytes)
        return count == bytes.count ? bytes : Array(bytes[0..<count]) // shrank meanwhile: what was there is what we have
    }

    /// Bytes ``readChunks(limit:chunkSize:_:)`` reads at a time: a list's whole length is never held.
    package static let chunkSize = 1 << 20

    /// Reads the claimed file a chunk at a time with ``readAll(limit:)``'s checks, handing each chunk
    /// on with whether the file ends with it, until `body` returns false; returns the bytes read.
    package func readChunks(limit: Int64, chunkSize: Int = ClaimedFile.chunkSize,
                            _ body: (_ chunk: [UInt8], _ isLast: Bool) throws -> Bool) throws -> Int {
        let (descriptor, _) = try openChecked(limit: limit)
        defer { close(descriptor) }
        func next() throws(IntakeError) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: max(1, chunkSize))
            let count = try readFully(descriptor, into: &bytes)
            return count == bytes.count ? bytes : Array(bytes[0..<count])
        }
        var total = 0
        // One chunk ahead, so the last is known as the last.
        var current = try next()
        while !current.isEmpty {
            let following = try next()
            total += current.count
            guard try body(current, following.isEmpty) else { break }
            current = following
        }
        return total
    }

    private func openChecked(limit: Int64) throws(IntakeError) -> (descriptor: Int32, size: Int) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(operation: "opening", path: path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let failure = errno
            close(descriptor)
            throw .system(operation: "inspecting", path: path, errno: failure)
        }
        guard InboxEntry.Kind(mode: info.st_mode) == .regular, Int64(info.st_size) <= limit else {
            close(descriptor)
            throw .system(operation: "reading (not a regular file within the size limit)", path: path, errno: EINVAL)
        }
        return (descriptor, Int(info.st_size))
    }

    /// Fills `bytes` from the descriptor's position; fewer only at the file's end.
    private func readFully(_ descriptor: Int32, into bytes: inout [UInt8]) throws(IntakeError) -> Int {
        switch DescriptorRead.fill(&bytes, from: descriptor) {
        case .success(let count): count
        case .failure(let failed): throw .system(operation: "reading", path: path, errno: failed.code)
        }
    }
}
