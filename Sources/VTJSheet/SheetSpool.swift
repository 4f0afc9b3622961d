#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A nameless scratch file for the sheet's rows while they arrive, so memory stays flat
/// whatever the row count; the workbook's sheet part is read back from it in chunks.
///
/// Linux gives it no name at all (`O_TMPFILE`); elsewhere it is unlinked as soon as it is
/// open. Either way nothing is left behind by a crash, and it is readable by the owner only.
/// The pipeline keeps a workbook result's rows in one too (`SheetRowSpool`).
public final class SheetSpool {
    /// Open for reading and writing; closed when the spool is released.
    public let descriptor: Int32

    /// A scratch file in `folder`.
    public init(folder: String) throws(XLSXWriteError) {
        #if os(Linux)
        // O_TMPFILE is (__O_TMPFILE | O_DIRECTORY), a macro Swift does not import.
        let tmpfile: Int32 = 0o20_000_000 | O_DIRECTORY
        let anonymous = open(folder, O_RDWR | O_CLOEXEC | tmpfile, 0o600)
        if anonymous >= 0 {
            descriptor = anonymous
            return
        }
        // Some file systems cannot: fall back to a named file removed at once.
        #endif
        var template = Array((folder + "/.vtjdrop-sheet-XXXXXX").utf8CString)
        let named = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard named >= 0 else { throw .system(operation: "creating a scratch file in", path: folder, errno: errno) }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        _ = fchmod(named, 0o600)
        descriptor = named
    }

    deinit { close(descriptor) }

    /// Bytes written so far.
    func size() throws(XLSXWriteError) -> Int64 {
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else { throw .system(operation: "measuring the scratch file of", path: "the sheet", errno: errno) }
        return Int64(end)
    }

    /// Exactly `count` bytes from `offset` (the file is complete when this is called).
    func read(at offset: Int64, count: Int) throws(XLSXWriteError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw .system(operation: "reading back the scratch file of", path: "the sheet", errno: got < 0 ? errno : EIO) }
            done += got
        }
        return chunk
    }
}
