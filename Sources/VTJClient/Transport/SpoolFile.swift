#if canImport(Glibc)
import Glibc
#endif

/// One worker's scratch file for response bodies: made once in the client's temporary directory,
/// unlinked at once (it vanishes with its descriptor), and overwritten by each transfer on the
/// worker that owns it (through its ``CurlHandle``).
///
/// A fresh file per attempt made the filesystem allocate and free a body's blocks and evict an inode
/// for every message, about a twentieth of a large drop's CPU on ext4 (docs/performance.md, "Where a
/// large drop's time goes"). Reuse keeps the pages; ``trim(to:)`` cuts the file to the body just
/// written, so a reader going to the end of the file never sees an earlier, longer body's tail.
final class SpoolFile {
    /// Readable and writable; closed when the spool is gone.
    let fileDescriptor: Int32
    /// The folder it was made in.
    let directory: String

    /// A body longer than this gives its disk back when its attempt ends rather than at the next one.
    static let keptBytes: Int64 = 16 << 20

    init(directory: String) throws(VTJClientError) {
        var template = Array("\(directory)/vtj-response-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .configuration("cannot create a temporary file in \(directory) (errno \(errno)); check space and permissions")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fileDescriptor = fd
        self.directory = directory
    }

    deinit { close(fileDescriptor) }

    /// Positions the file at its start for the next body (what is there is overwritten, then trimmed).
    func rewind() -> Bool { lseek(fileDescriptor, 0, SEEK_SET) == 0 }

    /// Cuts the file to `size` bytes: the body just written, and nothing of an earlier one.
    func trim(to size: Int64) -> Bool { ftruncate(fileDescriptor, off_t(size)) == 0 }

    /// Gives a large body's disk back, also one a failed transfer left (an endless body cut at the cap).
    func release() {
        var status = stat()
        if fstat(fileDescriptor, &status) == 0, Int64(status.st_size) > Self.keptBytes { _ = trim(to: 0) }
    }
}
