#if canImport(Glibc)
import Glibc
#endif

/// Collects what libcurl hands over during one transfer: headers, and the body either in memory
/// or written straight to a file descriptor.
final class ResponseSink {
    private let fileDescriptor: Int32?
    private(set) var body: [UInt8] = []
    private(set) var headers: [(String, String)] = []
    private(set) var bytesWritten: Int64 = 0
    /// Set when writing to the descriptor failed (disk full, for example).
    private(set) var writeErrno: Int32?

    init(fileDescriptor: Int32?) {
        self.fileDescriptor = fileDescriptor
    }

    /// Takes one chunk; returning less than `length` makes libcurl stop with CURLE_WRITE_ERROR.
    func write(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data, length > 0 else { return length }
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

    func addHeaderLine(_ line: String) {
        // A new status line (after a 100 Continue, for example) starts a fresh header block.
        if line.hasPrefix("HTTP/") { headers.removeAll(); return }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingBlanks()
        let value = line[line.index(after: colon)...].trimmingBlanks()
        headers.append((name, value))
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
