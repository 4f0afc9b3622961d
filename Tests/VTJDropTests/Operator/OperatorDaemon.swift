import Foundation
import VTJTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `vtjdrop run` in a temp folder with the operator endpoint on a free loopback port:
/// what an operator's browser, Prometheus or systemd talks to.
final class OperatorDaemon: @unchecked Sendable {
    let root: String
    let port: Int
    let process = Process()
    var url: String { "http://127.0.0.1:\(port)" }
    /// What the daemon logged so far (kept after ``stop()`` removed its folder).
    var log: String { (try? String(contentsOfFile: root + "/daemon.log", encoding: .utf8)) ?? finalLog }
    private var finalLog = ""
    /// A port held bound but not listening for the daemon's interface (``unreachable()``), closed by ``stop()``.
    private var refusing: Int32?

    /// - Parameters:
    ///   - interface: the `vtj:` lines (default: the built-in sandbox).
    ///   - environment: added to the daemon's environment (credentials, `NOTIFY_SOCKET`).
    init(interface: String = "sandbox: true", environment: [String: String] = [:]) throws {
        root = try TempFolder("vtjdrop-operator").path
        for folder in ["inbox", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        port = try LoopbackSocket.freePort()
        try """
            inbox: \(root)/inbox
            outbox: \(root)/outbox
            state: \(root)/state
            scan_interval: 0.2
            settle_seconds: 0.5
            vtj:
              \(interface)
            schedule:
              changes_at: ["06:00"]
            status:
              listen: 127.0.0.1:\(port)
              interface_window: 60
            \(PipelineHarness.departmentsYAML)
            """.write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: root + "/daemon.log", contents: nil)
        process.executableURL = VTJDropBinary.url
        process.arguments = ["run", "--config", root + "/vtjdrop.yaml"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/daemon.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// A test that failed before ``stop()`` must not leave the daemon running after the suite.
    deinit { process.killIfRunning() }

    /// A daemon whose interface URL names a loopback port nothing listens on (credentials from a
    /// password file this daemon's folder holds): the interface cannot be reached.
    static func unreachable() throws -> OperatorDaemon {
        // Held for the daemon's life: a port merely released was taken by another test's sandbox,
        // which answered, and the gate stayed open ("ready: drops are claimed").
        let closed = try LoopbackSocket.refusingPort()
        let password = NSTemporaryDirectory() + "vtjdrop-pw-" + UUID().uuidString
        try "salasana\n".write(toFile: password, atomically: true, encoding: .utf8)
        chmod(password, 0o600)
        TempFolderSweeper.register(password)
        let daemon = try OperatorDaemon(interface: "url: http://127.0.0.1:\(closed.port)/api/v1\n  connect_timeout: 2",
                                        environment: ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD_FILE": password])
        daemon.refusing = closed.descriptor
        return daemon
    }

    /// SIGTERM, then waits (bounded, polling) for the exit; SIGKILL if it does not come.
    func stop() async -> Int32? {
        if process.isRunning { process.terminate() }
        let exited = await eventually(seconds: 30) { !self.process.isRunning }
        if !exited { kill(process.processIdentifier, SIGKILL) }
        finalLog = log
        if let refusing { close(refusing) }
        refusing = nil
        TempFolderSweeper.removeTree(root)
        return exited ? process.terminationStatus : nil
    }

    /// Drops a file as a careful producer does (written aside, renamed in).
    func drop(_ department: String, _ name: String, _ text: String) throws {
        let folder = root + "/inbox/" + department
        try text.write(toFile: folder + "/." + name + ".part", atomically: false, encoding: .utf8)
        guard rename(folder + "/." + name + ".part", folder + "/" + name) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func outbox(_ department: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/" + department)) ?? []).sorted()
    }

    /// GET over loopback: the status code and the body (nil when nothing answers).
    func get(_ path: String) async -> (status: Int, body: String)? {
        guard let target = URL(string: url + path) else { return nil }
        var request = URLRequest(url: target)
        request.timeoutInterval = 10
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Waits until `path` answers with `status`; returns the last answer.
    func await(_ path: String, status: Int, seconds: Double = 60) async -> (status: Int, body: String)? {
        var last: (status: Int, body: String)?
        _ = await eventually(seconds: seconds) {
            last = await self.get(path)
            return last?.status == status
        }
        return last
    }
}
