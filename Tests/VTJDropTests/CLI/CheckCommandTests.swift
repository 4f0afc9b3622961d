#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VTJTestSupport
import Testing

/// `vtjdrop check` as an operator runs it: the built binary, a configuration file, credentials in the
/// environment, and a real TLS server on loopback (Python's http.server wrapped in ssl, answering
/// DVV's JSON) whose certificates `openssl` makes for the test.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct CheckCommandTests {
    /// A CA, a server certificate for 127.0.0.1 and a client certificate, and the server itself.
    final class TLSServer {
        let folder: String
        let port: Int
        private let process: Process

        init(requireClientCertificate: Bool) throws {
            folder = NSTemporaryDirectory() + "vtjdrop-check-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try TestCertificates.write(in: folder, caName: "vtjdrop-check-test-CA", openssl: "/usr/bin/openssl")
            let script = """
                import http.server, ssl, sys, json, base64
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        good = "Basic " + base64.b64encode(b"kunta:salasana").decode()
                        ok = self.path.startswith("/api/v1/kirjausavain/") and self.headers.get("Authorization") == good
                        body = json.dumps({"viimeisinKirjausavain": 5446623423} if ok else {"virhe": "tunnistus"}).encode()
                        self.send_response(200 if ok else 401)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                    def log_message(self, *args):
                        pass
                server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain("server.pem", "server.key")
                if sys.argv[1] == "mutual":
                    context.verify_mode = ssl.CERT_REQUIRED
                    context.load_verify_locations("ca.pem")
                server.socket = context.wrap_socket(server.socket, server_side=True)
                print(server.server_address[1], flush=True)
                server.serve_forever()
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, requireClientCertificate ? "mutual" : "server"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let line = output.fileHandleForReading.availableLine()
            guard let port = line.flatMap({ Int($0) }) else {
                kill(process.processIdentifier, SIGKILL)
                throw CheckTestError("the TLS test server did not start")
            }
            self.port = port
            self.process = process
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// A configuration for the JSON wire at this server, with the given TLS keys.
        func configuration(_ tls: [String: String]) throws -> String {
            var yaml = """
                state: \(folder)/state
                inbox: \(folder)/inbox
                outbox: \(folder)/outbox
                vtj:
                  wire: json
                  url: https://127.0.0.1:\(port)/api/v1
                  x_road_client: FI/MUN/0123456-7/vtjdrop

                """
            for (key, file) in tls.sorted(by: { $0.key < $1.key }) { yaml += "  \(key): \(folder)/\(file)\n" }
            yaml += "departments:\n  kirjasto:\n    purposes: [kirjasto]\n    groups: [HENKILON_NIMI]\n"
            let path = folder + "/vtjdrop-\(UUID().uuidString).yaml"
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    struct CheckTestError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let environment = ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana", "PATH": "/usr/bin:/bin"]

    @Test func unknownCAIsNamedAndTheCABundleFixesIt() async throws {
        let server = try TLSServer(requireClientCertificate: false)
        let untrusted = try await VTJDropBinary.runDetached(["check", "--config", try server.configuration([:])], environment: Self.environment)
        #expect(untrusted.status == 1)
        #expect(untrusted.stdout.contains("wire:           json (DVV's REST + JSON)"))
        #expect(untrusted.stdout.contains("TCP connect:    ok"))
        #expect(untrusted.stdout.contains("TLS:            FAILED: TLS: the server's certificate is signed by a CA this machine does not trust (unknown CA)"))
        #expect(untrusted.stdout.contains("set vtj.ca_bundle"))
        #expect(untrusted.stdout.contains("answer:         not reached"))
        let trusted = try await VTJDropBinary.runDetached(["check", "--config", try server.configuration(["ca_bundle": "ca.pem"])],
                                            environment: Self.environment)
        #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
        #expect(trusted.stdout.contains("TLS:            ok, certificate verified"))
        #expect(trusted.stdout.contains("the interface answered correctly (log key 5446623423)"))
        #expect(trusted.stdout.contains("result:         OK"))
        var wrong = Self.environment
        wrong["VTJDROP_VTJ_PASSWORD"] = "väärä"
        let refused = try await VTJDropBinary.runDetached(["check", "--config", try server.configuration(["ca_bundle": "ca.pem"])], environment: wrong)
        #expect(refused.status == 1 && refused.stdout.contains("authentication: FAILED"))
        #expect(!refused.stdout.contains("väärä") && !refused.stderr.contains("väärä"), "a password is never printed")
    }

    @Test func mutualTLSWithAndWithoutTheClientCertificate() async throws {
        let server = try TLSServer(requireClientCertificate: true)
        let without = try await VTJDropBinary.runDetached(["check", "--config", try server.configuration(["ca_bundle": "ca.pem"])],
                                            environment: Self.environment)
        #expect(without.status == 1)
        #expect(without.stdout.contains("client certificate"), "\(without.stdout)")
        let with = try await VTJDropBinary.runDetached(["check", "--config", try server.configuration(
            ["ca_bundle": "ca.pem", "client_cert": "client.pem", "client_key": "client.key"])], environment: Self.environment)
        #expect(with.status == 0, "\(with.stdout)\(with.stderr)")
    }

    @Test func aBrokenConfigurationExitsTwo() async throws {
        let folder = NSTemporaryDirectory() + "vtjdrop-check-bad-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "vtj:\n  wire: soap\ndepartments:\n  a:\n    purposes: [kirjasto]\n    groups: [HENKILON_NIMI]\n"
            .write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        let outcome = try await VTJDropBinary.runDetached(["check", "--config", folder + "/c.yaml"], environment: [:])
        #expect(outcome.status == 2 && outcome.stderr.contains("vtj.wire"))
    }
}

extension FileHandle {
    /// The first line written to this pipe (blocking until it comes or the writer closes).
    func availableLine() -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = readData(ofLength: 1)
            guard let byte = chunk.first else { break }
            if byte == 0x0A { break }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
