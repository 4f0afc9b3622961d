import Glibc

/// Filling a buffer from a file descriptor: the loop the claimed input's reads and the repeat
/// check's comparison share (a short or interrupted `read` is continued, never taken as the end).
enum DescriptorRead {
    /// Fills `bytes` from the descriptor's position, fewer only at the file's end: the count read,
    /// or the `errno` of the failed read.
    static func fill(_ bytes: inout [UInt8], from descriptor: Int32) -> Result<Int, Errno> {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .failure(Errno(errno)) }
            if count == 0 { break }
            offset += count
        }
        return .success(offset)
    }

    /// A failed read's `errno`.
    struct Errno: Error {
        let code: Int32
        init(_ code: Int32) { self.code = code }
    }
}
