#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A deliberately small HTTP/1.1 client over a raw socket, so tests see exactly what the
/// server sent (a cut body stays cut) without depending on the libcurl client under test elsewhere.
public struct LoopbackHTTP: Sendable {
    /// One answer as it came off the socket.
    public struct Reply: Sendable {
        public let status: Int
        /// Header names lower-cased.
        public let headers: [String: String]
        public let body: [UInt8]
        /// The body is shorter than its Content-Length promised.
        public var isTruncated: Bool {
            guard let length = headers["content-length"].flatMap(Int.init) else { return false }
            return body.count < length
        }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The exchange failed before a complete answer head arrived.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let port: Int
    /// Sent as `Authorization` (the sandbox's test user by default; nil sends none).
    public var authorization: String? = LoopbackHTTP.basic(user: "kunta", password: "salasana")

    public init(port: Int) { self.port = port }

    /// A Basic authorization value.
    public static func basic(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    public func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await send("GET", path, headers: headers, body: [])
    }

    public func post(_ path: String, _ body: [UInt8], headers: [String: String] = [:]) async throws -> Reply {
        try await send("POST", path, headers: headers.merging(["Content-Type": "application/xml; charset=utf-8"]) { a, _ in a }, body: body)
    }

    public func send(_ method: String, _ path: String, headers: [String: String], body: [UInt8]) async throws -> Reply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        let port = self.port
        // A thread of its own: a blocking read on the cooperative pool could starve the server under test.
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try LoopbackHTTP.exchange(request, port: port) }) }.start()
        }
    }

    private static func exchange(_ request: [UInt8], port: Int) throws -> Reply {
        let fd = try LoopbackSocket.newSocket()
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard LoopbackSocket.connectLoopback(fd, port: port) else { throw Failure(description: "connect to port \(port) failed") }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }  // a signal (another test's child exiting) is no failure
            guard n > 0 else { throw Failure(description: "write failed") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var ending = "EOF"
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }  // a signal (another test's child exiting), not the server
            if n < 0 { ending = "read error \(errno) (\(String(cString: strerror(errno))))" }
            if n <= 0 { break }  // EOF, reset or timeout: what arrived is what the server sent
            received += buffer[0..<n]
        }
        do {
            return try parse(received)
        } catch let failure as Failure {
            throw Failure(description: failure.description + "; the connection ended with \(ending)")
        }
    }

    private static func parse(_ bytes: [UInt8]) throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw Failure(description: "no complete HTTP head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var position = 0
        while position < bytes.count {
            guard let lineEnd = (position..<max(position, bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                  let size = Int(String(decoding: bytes[position..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16),
                  size > 0
            else { break }
            let start = lineEnd + 2
            out += bytes[start..<min(bytes.count, start + size)]
            position = start + size + 2
        }
        return out
    }
}
