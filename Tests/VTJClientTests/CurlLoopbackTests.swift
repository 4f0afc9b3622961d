import Foundation
import Testing
import VTJClient
import VTJTestSupport

/// libcurl links and makes a real HTTP request to a loopback listener started here.
@Suite struct CurlLoopbackTests {
    @Test func oneRequestOverLoopback() async throws {
        let server = try LoopbackResponder { _ in
            .init(status: 200, headers: [("Content-Type", "text/plain"), ("X-Echo", "yes"), ("Connection", "close")],
                  body: Array("hei!\n".utf8), echo: .none)
        }
        defer { server.stop() }
        let handle = try CurlHandle()
        let response = try handle.perform(HTTPRequest(
            method: "GET", url: "http://127.0.0.1:\(server.port)/api/v1/ping", headers: [("X-Request-Id", "req-1")]))
        #expect(response.status == 200)
        #expect(response.body == Array("hei!\n".utf8))
        #expect(response.header("x-echo") == "yes")
        let request = try #require(server.requests.first)
        #expect(request.method == "GET" && request.path == "/api/v1/ping")
        #expect(request.header("X-Request-Id") == "req-1")
    }

    @Test func refusedConnectionIsATransferError() throws {
        let port = try LoopbackSocket.freePort()
        let handle = try CurlHandle()
        #expect(throws: HTTPTransportError.self) {
            try handle.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))
        }
    }
}
