#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import VTJClient
import VTJCore
import VTJTestSupport

/// https with a private CA and a client certificate, against `openssl s_server` on loopback
/// (real TLS; the server serves files, so it cannot echo X-Request-Id).
@Suite("TLS with client certificate and CA bundle", .enabled(if: OpenSSLTool.path != nil))
struct TLSTests {

    /// A CA, a server certificate for 127.0.0.1 and a client certificate in a fresh folder, plus a
    /// `kirjausavainVastaus` file the server hands out for `/api/v1/kirjausavain/2026-11-20`.
    final class Fixture {
        let folder: URL
        let port: Int
        let server: pid_t

        /// - Parameters:
        ///   - requireClientCertificate: the server demands a client certificate (mutual TLS).
        ///   - subjectAltName: the server certificate's names (`IP:127.0.0.1` matches the URL).
        init(requireClientCertificate: Bool = true, subjectAltName: String = "IP:127.0.0.1") throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtj-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try TestCertificates.write(in: folder.path, subjectAltName: subjectAltName, openssl: OpenSSLTool.path ?? "openssl")
            let file = folder.appendingPathComponent("api/v1/kirjausavain")
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
            try "<kirjausavainVastaus><viimeisinKirjausavain>9876543210123</viimeisinKirjausavain></kirjausavainVastaus>"
                .write(to: file.appendingPathComponent("2026-11-20"), atomically: true, encoding: .utf8)

            port = try LoopbackSocket.freePort()
            server = try Fixture.spawn(
                "exec \(OpenSSLTool.path ?? "openssl") s_server -accept 127.0.0.1:\(port) -cert server.pem -key server.key "
                    + (requireClientCertificate ? "-CAfile ca.pem -Verify 1 " : "") + "-WWW -quiet", in: folder)
            // Polled on this thread: the fixture is made before the test's first await.
            var listening = false
            for _ in 0..<100 where !listening {
                listening = LoopbackSocket.isListening(port)
                if !listening { usleep(50_000) }
            }
            guard listening else {
                Fixture.stop(server)
                throw FixtureError("openssl s_server did not start")
            }
        }

        deinit {
            Fixture.stop(server)
            try? FileManager.default.removeItem(at: folder)
        }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        var url: String { "https://127.0.0.1:\(port)/api/v1/kirjausavain/2026-11-20" }

        /// Starts `/bin/sh -c` in `folder` with output discarded. Not Foundation's Process: its
        /// waitUntilExit can hang on Linux, and children inherit the test runner's blocked SIGTERM.
        static func spawn(_ command: String, in folder: URL) throws -> pid_t {
            let script = "cd '\(folder.path)' && \(command) >/dev/null 2>&1"
            var pid: pid_t = 0
            let arguments = ["/bin/sh", "-c", script]
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            let result = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
            guard result == 0 else { throw FixtureError("cannot start /bin/sh (\(result))") }
            return pid
        }

        /// SIGKILL (cannot be blocked) and reap.
        static func stop(_ pid: pid_t) {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("client certificate, key and CA bundle: the log key arrives over https")
    func mutualTLS() async throws {
        let fixture = try Fixture()
        var configuration = ClientTestData.configuration("https://127.0.0.1:\(fixture.port)/api/v1", parallelism: 1)
        configuration.tls = TLSOptions(clientCertificatePath: fixture.path("client.pem"), clientKeyPath: fixture.path("client.key"),
                                       caBundlePath: fixture.path("ca.pem"))
        let client = try VTJInterfaceClient(configuration: configuration)
        let key = try await client.logKey(on: CivilDate(year: 2026, month: 11, day: 20)!)
        #expect(key == 9_876_543_210_123)
        #expect(client.statistics.missingEchoes == 1)
        withExtendedLifetime(fixture) {}
    }

    @Test("a server certificate outside the CA bundle is a permanent TLS failure")
    func untrustedServer() async throws {
        let fixture = try Fixture()
        var request = HTTPRequest(method: "GET", url: fixture.url)
        request.tls = TLSOptions(clientCertificatePath: fixture.path("client.pem"), clientKeyPath: fixture.path("client.key"))
        do {
            _ = try CurlHandle().perform(request)
            Issue.record("an untrusted server certificate was accepted")
        } catch {
            #expect(error.problem == .tls)
            #expect(!error.problem.isTransient)
        }
        var configuration = ClientTestData.configuration("https://127.0.0.1:\(fixture.port)/api/v1", parallelism: 1)
        configuration.tls = TLSOptions(clientCertificatePath: fixture.path("client.pem"), clientKeyPath: fixture.path("client.key"))
        let client = try VTJInterfaceClient(configuration: configuration)
        do {
            _ = try await client.logKey(on: CivilDate(year: 2026, month: 11, day: 20)!)
            Issue.record("an untrusted server certificate was accepted")
        } catch let error as VTJClientError {
            #expect(error.isPermanent)
            #expect(error.description.contains("CA bundle"))
        }
        #expect(client.statistics.attempts == 1)
        withExtendedLifetime(fixture) {}
    }

    @Test("a server that demands a client certificate refuses a call without one")
    func missingClientCertificate() throws {
        let fixture = try Fixture()
        var request = HTTPRequest(method: "GET", url: fixture.url)
        request.tls = TLSOptions(caBundlePath: fixture.path("ca.pem"))
        #expect(throws: HTTPTransportError.self) { try CurlHandle().perform(request) }
        withExtendedLifetime(fixture) {}
    }

    @Test("unreadable TLS files are refused before anything is sent")
    func missingFiles() {
        var configuration = ClientTestData.configuration("https://127.0.0.1:1/api/v1")
        configuration.tls = TLSOptions(caBundlePath: "/nonexistent/ca.pem")
        #expect(throws: VTJClientError.self) { try VTJInterfaceClient(configuration: configuration) }
    }
}

/// Where the openssl command line tool is, if installed.
enum OpenSSLTool {
    static let path = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
