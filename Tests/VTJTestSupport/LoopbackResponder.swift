#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A small scripted HTTP/1.1 server on 127.0.0.1 (real sockets, keep-alive) for transport-level cases
/// the sandbox does not cover: lying Content-Length, stalls, wrong echoes, odd statuses.
public final class LoopbackResponder: Sendable {
    /// One request as the server read it.
    public struct Seen: Sendable {
        public var method: String
        public var path: String
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// 1-based number of the TCP connection it came on.
        public var connection: Int

        /// The first value of header `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// What to answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)] = []
        public var body: [UInt8] = []
        /// Pause before answering.
        public var delay: Duration = .zero
        /// Announce this many more bytes than sent, then close (a cut transfer).
        public var missingBytes = 0
        /// Echo the request's X-Request-Id (as the profile says), or send this value instead.
        public var echo: Echo = .same

        /// Which X-Request-Id the answer carries.
        public enum Echo: Sendable { case same, none, other(String) }

        public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = [], delay: Duration = .zero,
             missingBytes: Int = 0, echo: Echo = .same) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.missingBytes = missingBytes
            self.echo = echo
        }

        /// An XML body.
        public init(status: Int, xml: String, headers: [(String, String)] = []) {
            self.init(status: status, headers: headers, body: Array(xml.utf8))
        }
    }

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Seen) -> Reply
    private let state = Mutex(State())

    private struct State {
        var seen: [Seen] = []
        var connections = 0
        var clientFDs: Set<Int32> = []
        var stopped = false
    }

    /// Listens on an ephemeral loopback port and answers every request with `handler`.
    public init(handler: @escaping @Sendable (Seen) -> Reply) throws {
        self.handler = handler
        (listener, port) = try LoopbackSocket.makeListener()
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    /// The interface root on this server.
    public var baseURL: String { "http://127.0.0.1:\(port)/api/v1" }

    /// Requests seen so far, in arrival order.
    public var requests: [Seen] { state.withLock { $0.seen } }

    /// TCP connections accepted so far.
    public var connections: Int { state.withLock { $0.connections } }

    /// Stops accepting and ends open connections. Descriptors are closed only by the threads using
    /// them, and shut down under the lock, so no number is touched after another test reuses it.
    public func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            for fd in state.clientFDs { shutdown(fd, Int32(SHUT_RDWR)) }
            shutdown(listener, Int32(SHUT_RDWR))
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 && errno == EINTR { continue }
            guard client >= 0 else {
                close(listener)
                return
            }
            let number = state.withLock { state -> Int? in
                if state.stopped { return nil }
                state.connections += 1
                state.clientFDs.insert(client)
                return state.connections
            }
            guard let number else {
                close(client)
                continue
            }
            Thread { [self] in serve(client, connection: number) }.start()
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        defer {
            state.withLock { state in
                state.clientFDs.remove(fd)
                close(fd)
            }
        }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, buffer: &buffer, connection: connection) {
            state.withLock { $0.seen.append(request) }
            let reply = handler(request)
            if reply.delay > .zero { Thread.sleep(forTimeInterval: Double(reply.delay.components.seconds) + Double(reply.delay.components.attoseconds) / 1e18) }
            var head = "HTTP/1.1 \(reply.status) Status\r\n"
            head += "Content-Length: \(reply.body.count + reply.missingBytes)\r\n"
            if !reply.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                head += "Content-Type: application/xml; charset=utf-8\r\n"
            }
            switch reply.echo {
            case .same: if let id = request.header("X-Request-Id") { head += "X-Request-Id: \(id)\r\n" }
            case .none: break
            case .other(let id): head += "X-Request-Id: \(id)\r\n"
            }
            for (name, value) in reply.headers { head += "\(name): \(value)\r\n" }
            head += "\r\n"
            guard writeAll(fd, Array(head.utf8) + reply.body) else { return }
            if reply.missingBytes > 0 { return }
        }
    }

    private func readRequest(_ fd: Int32, buffer: inout [UInt8], connection: Int) -> Seen? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int? = nil
        while headEnd == nil {
            if let range = buffer.firstRange(of: separator) { headEnd = range.upperBound; break }
            guard readMore(fd, into: &buffer) else { return nil }
        }
        guard let end = headEnd else { return nil }
        let lines = String(decoding: buffer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        while buffer.count < end + length {
            guard readMore(fd, into: &buffer) else { return nil }
        }
        let body = Array(buffer[end..<(end + length)])
        buffer.removeFirst(end + length)
        return Seen(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body,
                    connection: connection)
    }

    private func readMore(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = read(fd, &chunk, chunk.count)
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
