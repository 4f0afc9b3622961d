#if canImport(Glibc)
import Glibc
#endif

/// A spooled 2xx body: an open, unlinked file positioned at its start (or, for a small answer
/// read whole, its bytes).
struct ResponseBody {
    /// Readable descriptor; owned by the client, closed after the parse returns (-1 for bytes in memory).
    let fileDescriptor: Int32
    /// Size in bytes.
    let size: Int64
    /// Name for parse errors: operation and request id.
    let documentName: String
    /// The `X-Request-Id` of the attempt that fetched this body.
    let messageID: String
    /// The body, when it was read into memory rather than spooled.
    private var memory: [UInt8]?

    init(fileDescriptor: Int32, size: Int64, documentName: String, messageID: String) {
        self.fileDescriptor = fileDescriptor
        self.size = size
        self.documentName = documentName
        self.messageID = messageID
    }

    /// A small body already in memory (the connection check's log key).
    init(bytes: [UInt8], documentName: String, messageID: String) {
        self.init(fileDescriptor: -1, size: Int64(bytes.count), documentName: documentName, messageID: messageID)
        memory = bytes
    }

    /// Nothing to release: the spool file belongs to the client, memory to the value.
    func close() {}

    /// Reads the whole body into memory (only for small bodies such as the log key).
    func readAll(limit: Int) -> [UInt8] {
        readPrefix(limit: limit)
    }

    /// Up to `limit` bytes from the start.
    func readPrefix(limit: Int) -> [UInt8] {
        if let memory { return Array(memory.prefix(limit)) }
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
