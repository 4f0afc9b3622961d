#if canImport(Glibc)
import Glibc
#endif

/// Collects what libcurl hands over during one transfer: headers, and the body either in memory
/// or written straight to a file descriptor.
final class ResponseSink {
    private let fileDescriptor: Int32?
    /// The most body bytes taken; one more makes the transfer stop.
    private let limit: Int64
    private(set) var body: [UInt8] = []
    private(set) var headers: [(String, String)] = []
    private(set) var bytesWritten: Int64 = 0
    /// Set when writing to the descriptor failed (disk full, for example).
    private(set) var writeErrno: Int32?
    /// Set when the body (or its announced length) went past `limit`.
    private(set) var exceededLimit = false

    init(fileDescriptor: Int32?, limit: Int64 = .max) {
        self.fileDescriptor = fileDescriptor
        self.limit = limit
    }

    /// Takes one chunk; returning less than `length` makes libcurl stop with CURLE_WRITE_ERROR.
    func write(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data, length > 0 else { return length }
        guard Int64(length) <= limit - bytesWritten else {
            exceededLimit = true
            return 0
        }
        guard let fileDescriptor else {
            body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            bytesWritten += Int64(length)
            return length
        }
        var offset = 0
        while offset < length {
            let written = Glibc.write(fileDescriptor, data + offset, length - offset)
            if written < 0 {
                if errno == EINTR { continue }
                writeErrno = errno
                return 0
            }
            offset += written
        }
        bytesWritten += Int64(length)
        return length
    }

    /// Takes one header line; false when it announces a body longer than the limit (the transfer
    /// then stops before a byte of the body is stored).
    func addHeaderLine(_ line: String) -> Bool {
        // A new status line (after a 100 Continue, for example) starts a fresh header block.
        if line.hasPrefix("HTTP/") { headers.removeAll(); return true }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = line[..<colon].trimmingBlanks()
        let value = line[line.index(after: colon)...].trimmingBlanks()
        headers.append((name, value))
        if name.lowercased() == "content-length", let announced = Int64(value), announced > limit {
            exceededLimit = true
            return false
        }
        return true
    }
}

extension StringProtocol {
    func trimmingBlanks() -> String {
        var text = Substring(self)
        // Character.isWhitespace also covers "\r\n", which Swift treats as one Character.
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
