#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import VTJClient

/// libcurl links and makes a real HTTP request to a loopback listener started here.
@Suite struct CurlLoopbackTests {
    @Test func oneRequestOverLoopback() async throws {
        let listener = try OneShotHTTPListener(response: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Echo: yes\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhei!\n")
        let port = listener.port
        async let seen = listener.serveOnce()
        let handle = try CurlHandle()
        let response = try handle.perform(HTTPRequest(
            method: "GET", url: "http://127.0.0.1:\(port)/api/v1/ping", headers: [("X-Request-Id", "req-1")]))
        let request = await seen
        #expect(response.status == 200)
        #expect(response.body == Array("hei!\n".utf8))
        #expect(response.header("x-echo") == "yes")
        #expect(request.hasPrefix("GET /api/v1/ping HTTP/1.1\r\n"))
        #expect(request.contains("X-Request-Id: req-1\r\n"))
    }

    @Test func refusedConnectionIsATransferError() throws {
        // Bind then close a socket to get a port nobody listens on.
        let port = try OneShotHTTPListener(response: "").port
        let handle = try CurlHandle()
        #expect(throws: HTTPTransportError.self) {
            try handle.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))
        }
    }
}

/// A minimal blocking listener on 127.0.0.1 with an ephemeral port, for one request.
final class OneShotHTTPListener: @unchecked Sendable {
    let port: Int
    private let socketFD: Int32
    private let response: String

    init(response: String) throws {
        self.response = response
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ListenerError() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else { close(fd); throw ListenerError() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.socketFD = fd
    }

    deinit { close(socketFD) }

    /// Accepts one connection, returns the request head it read, answers with the canned response.
    func serveOnce() async -> String {
        await withCheckedContinuation { continuation in
            let fd = socketFD
            let response = response
            let thread = Thread {
                let client = accept(fd, nil, nil)
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while client >= 0 {
                    let count = read(client, &buffer, buffer.count)
                    if count <= 0 { break }
                    received += buffer[0..<count]
                    if String(decoding: received, as: UTF8.self).contains("\r\n\r\n") { break }
                }
                let bytes = Array(response.utf8)
                _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                close(client)
                continuation.resume(returning: String(decoding: received, as: UTF8.self))
            }
            thread.start()
        }
    }

    struct ListenerError: Error {}
}
