import Foundation

/// A private CA, a server certificate and a client certificate made by `openssl` for TLS tests.
public enum TestCertificates {
    /// Writes `ca.pem`/`ca.key`, `server.pem`/`server.key` (for `subjectAltName`, e.g. `IP:127.0.0.1`)
    /// and `client.pem`/`client.key` (0600) into `folder`.
    public static func write(in folder: String, subjectAltName: String = "IP:127.0.0.1", caName: String = "vtjdrop-test-CA",
                             openssl: String = "openssl") throws {
        try "subjectAltName=\(subjectAltName)\n".write(toFile: folder + "/san.ext", atomically: true, encoding: .utf8)
        for step in [
            "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=\(caName)",
            "req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1",
            "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext",
            "req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=vtjdrop-client",
            "x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2",
        ] {
            let outcome = try ChildProcess.runBlocking(openssl, step.split(separator: " ").map(String.init), currentDirectory: folder)
            guard outcome.status == 0 else {
                throw ChildProcess.Failure(description: "openssl \(step) failed (\(outcome.status)): \(outcome.stderr)")
            }
        }
        chmod(folder + "/client.key", 0o600)
    }
}
