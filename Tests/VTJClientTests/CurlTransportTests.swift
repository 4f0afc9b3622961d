#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
import VTJClient
import VTJCore
import VTJTestSupport

/// libcurl against the scripted loopback responder: streaming to a file, cut bodies, timeouts,
/// Basic auth, connection reuse and cancellation.
@Suite("CurlHandle transport")
struct CurlTransportTests {
    private func spool() throws -> Int32 {
        var template = Array("\(NSTemporaryDirectory())/vtj-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(fd >= 0)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    private func contents(_ fd: Int32) -> [UInt8] {
        lseek(fd, 0, SEEK_SET)
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { break }
            result += chunk[0..<count]
        }
        return result
    }

    @Test("a large body goes to the file byte for byte")
    func streamsToFile() throws {
        let body = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let responder = try LoopbackResponder { _ in .init(status: 200, body: body) }
        defer { responder.stop() }
        let fd = try spool()
        defer { close(fd) }
        let head = try CurlHandle().perform(HTTPRequest(method: "GET", url: responder.baseURL + "/x"), writingBodyTo: fd)
        #expect(head.status == 200)
        #expect(head.bodyBytes == Int64(body.count))
        #expect(contents(fd) == body)
    }

    @Test("a Content-Length lie is curl error 18, classified as truncated")
    func contentLengthLie() throws {
        let responder = try LoopbackResponder { _ in .init(status: 200, body: Array("<perustiedotVastaus".utf8), missingBytes: 500) }
        defer { responder.stop() }
        let fd = try spool()
        defer { close(fd) }
        do {
            _ = try CurlHandle().perform(HTTPRequest(method: "GET", url: responder.baseURL + "/x"), writingBodyTo: fd)
            Issue.record("a cut body was accepted")
        } catch {
            guard case .transfer(let code, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(code == 18)
            #expect(error.problem == .truncated)
        }
    }

    @Test("the total timeout ends a stalled response as a timeout")
    func totalTimeout() throws {
        let responder = try LoopbackResponder { _ in .init(status: 200, delay: .milliseconds(1500)) }
        defer { responder.stop() }
        var request = HTTPRequest(method: "GET", url: responder.baseURL + "/slow")
        request.totalTimeoutMilliseconds = 300
        let started = ContinuousClock.now
        #expect(throws: HTTPTransportError.self) { try CurlHandle().perform(request) }
        do { _ = try CurlHandle().perform(request) } catch { #expect(error.problem == .timeout) }
        #expect(ContinuousClock.now - started < .seconds(2.5))
    }

    @Test("Basic credentials are sent as the Authorization header")
    func basicAuth() throws {
        let responder = try LoopbackResponder { _ in .init(status: 204) }
        defer { responder.stop() }
        var request = HTTPRequest(method: "POST", url: responder.baseURL + "/perustiedot", body: Array("<a/>".utf8))
        request.credentials = BasicCredentials(user: "kunta", password: "salasana")
        let response = try CurlHandle().perform(request)
        #expect(response.status == 204)
        let seen = try #require(responder.requests.first)
        #expect(seen.header("Authorization") == "Basic " + Data("kunta:salasana".utf8).base64EncodedString())
        #expect(seen.body == Array("<a/>".utf8))
        #expect(seen.method == "POST")
    }

    @Test("one handle keeps its connection across calls")
    func connectionReuse() throws {
        let responder = try LoopbackResponder { _ in .init(status: 200, body: Array("ok".utf8)) }
        defer { responder.stop() }
        let handle = try CurlHandle()
        var newConnections = 0
        for index in 0..<8 {
            let response = try handle.perform(HTTPRequest(method: "GET", url: responder.baseURL + "/\(index)"))
            #expect(response.body == Array("ok".utf8))
            newConnections += response.newConnections
        }
        #expect(newConnections == 1)
        #expect(responder.connections == 1)
        #expect(Set(responder.requests.map(\.connection)) == [1])
    }

    @Test("a cancelled flag aborts a running transfer")
    func cancellation() async throws {
        let responder = try LoopbackResponder { _ in .init(status: 200, delay: .seconds(6)) }
        defer { responder.stop() }
        let flag = CancellationFlag()
        let fd = try spool()
        defer { close(fd) }
        let url = responder.baseURL + "/slow"
        // A thread of its own, as in the client's worker pool, so a busy test pool cannot delay it.
        let outcome: (HTTPTransportError?, Duration) = await withCheckedContinuation { continuation in
            Thread {
                let clock = ContinuousClock()
                let cancelledAt = Mutex(clock.now)
                let canceller = Thread {
                    Thread.sleep(forTimeInterval: 0.3)
                    cancelledAt.withLock { $0 = clock.now }
                    flag.cancel()
                }
                canceller.start()
                var error: HTTPTransportError? = nil
                do {
                    _ = try CurlHandle().perform(HTTPRequest(method: "GET", url: url), writingBodyTo: fd, cancellation: flag)
                } catch let failure as HTTPTransportError { error = failure } catch {}
                continuation.resume(returning: (error, clock.now - cancelledAt.withLock { $0 }))
            }.start()
        }
        #expect(outcome.0 == .cancelled)
        // libcurl's progress callback runs at least once a second, even while waiting.
        #expect(outcome.1 < .seconds(2))
    }

    @Test("a refused connection is a transient connect problem")
    func refused() throws {
        let refusing = try LoopbackSocket.refusingPort()
        defer { close(refusing.descriptor) }
        do {
            _ = try CurlHandle().perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(refusing.port)/api/v1"))
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.problem == .connect)
            #expect(error.problem.isTransient)
        }
    }
}
