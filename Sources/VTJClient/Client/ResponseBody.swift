#if canImport(Glibc)
import Glibc
#endif

/// A spooled 2xx body: an open, unlinked file positioned at its start.
struct ResponseBody {
    /// Readable descriptor; owned by the client, closed after the parse returns.
    let fileDescriptor: Int32
    /// Size in bytes.
    let size: Int64
    /// Name for parse errors: operation and request id.
    let documentName: String
    /// The `X-Request-Id` of the attempt that fetched this body.
    let requestID: String

    /// Reads the whole body into memory (only for small bodies such as the log key).
    func readAll(limit: Int) -> [UInt8] {
        readPrefix(limit: limit)
    }

    /// Up to `limit` bytes from the start.
    func readPrefix(limit: Int) -> [UInt8] {
        let count = Int(min(Int64(limit), size))
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                pread(fileDescriptor, buffer.baseAddress! + offset, count - offset, off_t(offset))
            }
            if read < 0, errno == EINTR { continue }
            if read <= 0 { break }
            offset += read
        }
        return Array(bytes[0..<offset])
    }
}

/// Wraps an error thrown by the caller's callback, so it is told apart from a bad body.
struct ConsumerFailure: Error {
    let underlying: any Error
}

/// A 200 body that is well-formed but breaks the profile's paging rules (retried like a cut body).
struct ProfileViolation: Error, CustomStringConvertible {
    let description: String
}
