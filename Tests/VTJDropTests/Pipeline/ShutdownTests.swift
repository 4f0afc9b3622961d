import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Synchronization
import VTJTestSupport

/// SIGTERM: the daemon stops claiming, finishes what it has and exits cleanly.
@Suite(.serialized) struct ShutdownTests {
    /// A daemon configuration in `root` (the built-in sandbox unless `extra` names an interface).
    static func configuration(root: String, extra: String = "vtj:\n  sandbox: true\n") -> String {
        "inbox: \(root)/inbox\noutbox: \(root)/outbox\nstate: \(root)/state\nscan_interval: 0.2\n" + extra
            + "schedule:\n  changes_at: never\n" + PipelineHarness.departmentsYAML + "\n"
    }

    @Test func sigtermEndsTheDaemonCleanlyAndLeavesNoWorkHalfDone() async throws {
        let temp = try TempFolder("vtjdrop-term")
        defer { temp.remove() }
        let root = temp.path
        for folder in ["inbox/sivistys", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try Self.configuration(root: root).write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = VTJDropBinary.url
        process.arguments = ["run", "--config", root + "/vtjdrop.yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.killIfRunning() }
        // The built-in sandbox (vtj.sandbox: true) serves a dropped list while the daemon runs.
        try "010594Y9032\n".write(toFile: root + "/inbox/sivistys/.a.part", atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: root + "/inbox/sivistys/.a.part", toPath: root + "/inbox/sivistys/a.txt")
        let served = await eventually(seconds: 30) {
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/sivistys")) ?? []).contains { $0.hasSuffix(".kuitti.txt") }
        }
        #expect(served)
        process.terminate()  // SIGTERM
        let exited = await eventually(seconds: 20) { !process.isRunning }
        #expect(exited, "the daemon did not stop on SIGTERM")
        if exited { #expect(process.terminationStatus == 0) } else { kill(process.processIdentifier, SIGKILL) }
        let work = (try? FileManager.default.contentsOfDirectory(atPath: root + "/state/claims/sivistys/work")) ?? []
        #expect(work.isEmpty)
    }
}

/// A hanging interface must not keep SIGTERM waiting: with `total_timeout: 10` the old daemon
/// waited for the whole retry chain (69 s, beyond systemd's `TimeoutStopSec=60`).
@Suite(.serialized) struct HangingUpstreamShutdownTests {
    /// A `vtjdrop sandbox` process; its `/admin/faults` makes every API answer hang. Started on a
    /// thread of its own: reading its first line blocks, and the tests' shared threads are few.
    static func sandbox() async throws -> (Process, String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try startSandbox() }) }
        }
    }

    private static func startSandbox() throws -> (Process, String) {
        let process = Process()
        process.executableURL = VTJDropBinary.url
        process.arguments = ["sandbox", "--port", "0", "--population", "50"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("/api/v1") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:\d+/api/v1"#, options: .regularExpression) else {
            process.killIfRunning()
            throw HarnessError("the sandbox did not say where it serves: \(text)")
        }
        return (process, String(text[range]))
    }

    /// Holds every API answer of the sandbox at `url` for ten minutes.
    static func hang(_ url: String) async throws {
        var request = URLRequest(url: URL(string: url.replacingOccurrences(of: "/api/v1", with: "/admin/faults"))!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"latencyMs": 600000}"#.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Basic " + Data("kunta:salasana".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        _ = try await URLSession.shared.data(for: request)
    }

    /// The daemon on a fresh folder against `url`, its log collected.
    static func daemon(_ url: String) throws -> (Process, String, LogLines) {
        let root = try TempFolder("vtjdrop-hang").path
        for folder in ["inbox/sivistys", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let interface = "log_level: info\nvtj:\n  url: \(url)\n  connect_timeout: 2\n  total_timeout: 10\n"
        try ShutdownTests.configuration(root: root, extra: interface)
            .write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let daemon = Process()
        daemon.executableURL = VTJDropBinary.url
        daemon.arguments = ["run", "--config", root + "/vtjdrop.yaml"]
        daemon.environment = ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana", "PATH": "/usr/bin:/bin"]
        let log = Pipe()
        daemon.standardError = log
        daemon.standardOutput = FileHandle.nullDevice
        let lines = LogLines()
        log.fileHandleForReading.readabilityHandler = { lines.append($0.availableData) }
        try daemon.run()
        return (daemon, root, lines)
    }

    /// SIGTERM, then the seconds until the process ended (nil: not within 50 s, then killed).
    static func terminate(_ process: Process) async -> Double? {
        let asked = Date()
        process.terminate()
        let exited = await eventually(seconds: 50) { !process.isRunning }
        if !exited { kill(process.processIdentifier, SIGKILL) }
        return exited ? Date().timeIntervalSince(asked) : nil
    }

    @Test func sigtermStopsWithinTheGraceWhileTheInterfaceHangs() async throws {
        let (sandbox, url) = try await Self.sandbox()
        defer { sandbox.killIfRunning() }
        let (daemon, root, lines) = try Self.daemon(url)
        defer { daemon.killIfRunning() }
        #expect(await eventually(seconds: 30) { lines.text.contains("vtjdrop is serving") })
        try await Self.hang(url)
        try "010594Y9032\n".write(toFile: root + "/inbox/sivistys/.a.part", atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: root + "/inbox/sivistys/.a.part", toPath: root + "/inbox/sivistys/a.txt")
        let querying = await eventually(seconds: 30) { lines.text.contains("VTJ perustiedot") }
        #expect(querying, "the drop never reached the interface: \(lines.text.suffix(2000))")
        let took = await Self.terminate(daemon)
        // 15 s of grace for drops in flight, then they are interrupted; systemd allows 60 s.
        #expect(took.map { $0 < 30 } == true, "SIGTERM took \(took.map { "\($0) s" } ?? "over 50 s")")
        if took != nil { #expect(daemon.terminationStatus == 0, "\(lines.text.suffix(2000))") }
        #expect(lines.text.contains("drops still in flight were interrupted"))
        print("HangingUpstreamShutdownTests: SIGTERM to exit \(String(format: "%.1f", took ?? -1)) s with the interface hanging")
        // Nothing lost: the drop waits claimed for the next start, not failed or quarantined.
        let work = (try? FileManager.default.contentsOfDirectory(atPath: root + "/state/claims/sivistys/work")) ?? []
        #expect(work.count == 1)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/sivistys")) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".odottaa.txt") }.isEmpty)
    }

    /// The start-up check against a hanging interface would take its whole retry chain: a stop
    /// during it is not kept waiting.
    @Test func sigtermDuringTheStartUpCheckIsNotKeptWaiting() async throws {
        let (sandbox, url) = try await Self.sandbox()
        defer { sandbox.killIfRunning() }
        try await Self.hang(url)
        let (daemon, _, lines) = try Self.daemon(url)
        defer { daemon.killIfRunning() }
        #expect(await eventually(seconds: 30) { lines.text.contains("starting") })
        try await Task.sleep(for: .milliseconds(500))  // the check is under way (its answer hangs for 10 min)
        let took = await Self.terminate(daemon)
        #expect(took.map { $0 < 10 } == true, "SIGTERM took \(took.map { "\($0) s" } ?? "over 50 s")")
        #expect(!lines.text.contains("vtjdrop is serving"))
    }
}

extension Process {
    /// Ends a child that must not outlive its test, whether the test passed or failed. SIGKILL, not
    /// SIGTERM: a `vtjdrop sandbox` holding hung answers (`latencyMs`) finishes them before it
    /// honours a graceful stop, so a SIGTERM left two of them running for ten minutes after the
    /// suite ended.
    func killIfRunning() {
        if isRunning { kill(processIdentifier, SIGKILL) }
    }
}

/// Log bytes arriving from a child process, kept as text.
final class LogLines: Sendable {
    private let bytes = Mutex(Data())
    func append(_ data: Data) { bytes.withLock { $0.append(data) } }
    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
}
