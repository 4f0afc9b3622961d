import Foundation
import Logging
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Issue 12, finding 3 (and issue 13's 404): wrong credentials or a wrong address are the
/// operator's problem. The daemon stays up, claims nothing, logs one error per change of state,
/// `status` says so, and it resumes by itself once the interface answers (the password file is
/// read again). No clerk gets a receipt for it. Real sandbox over loopback HTTP, real files, real SQLite.
@Suite(.serialized) struct InterfaceRefusalTests {
    private static func externalSandbox() async throws -> SandboxServer {
        let server = SandboxServer(configuration: SandboxConfiguration(population: 400, seed: 7, uncensored: true))
        try await server.start()
        return server
    }

    @Test func wrongPasswordAtStartClaimsNothingAndAFixedPasswordFileResumes() async throws {
        let sandbox = try await Self.externalSandbox()
        let secrets = try TempFolder()
        defer { secrets.remove() }
        let passwordFile = try secrets.write("vtj-password", "vaarin\n", mode: 0o600)
        let capture = LogCapture()
        var logger = Logger(label: "vtjdrop") { label in HetuMaskingLogHandler(wrapping: capture.handler(label: label)) }
        logger.logLevel = .info
        let harness = try await PipelineHarness(logger: logger, external: sandbox, environment: [
            "VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD_FILE": passwordFile,
        ])
        defer { Task { await harness.close() } }
        let runner = harness.runner
        await runner.replaceGate(InterfaceGate(threshold: 3, backoff: Backoff(first: .milliseconds(200), maximum: .milliseconds(400))))
        let hetus = harness.registry.hetus(where: [.resident], limit: 4)
        try harness.drop("sivistys", "ennen.txt", hetus[0..<2].joined(separator: "\n"))

        let daemon = Task { await runner.runDaemon() }
        // Several probes meet the wrong password while drops wait untouched in the inbox.
        let probed = await eventually(seconds: 60) { sandbox.counters.requests("kirjausavain") >= 4 }
        try harness.drop("sivistys", "aikana.txt", hetus[2..<4].joined(separator: "\n"))
        // Not a guessed time: the loop turns and probes again with the new drop in the inbox.
        let (turns, probes) = (await runner.loopTurns, sandbox.counters.requests("kirjausavain"))
        #expect(await eventually(seconds: 60) {
            await runner.loopTurns >= turns + 3 && sandbox.counters.requests("kirjausavain") > probes
        }, "the daemon went on turning and probing")
        #expect(probed, "the daemon kept probing")
        #expect(Set(harness.inbox("sivistys")) == ["ennen.txt", "aikana.txt"], "nothing is claimed while the credentials are refused")
        #expect(harness.outbox("sivistys").isEmpty, "no clerk gets a receipt for the operator's problem")
        #expect(WorkRecovery(appliance: harness.appliance).unfinished().isEmpty)
        let conditions = try harness.appliance.database.conditions()
        #expect(conditions.map(\.code) == ["refusing-credentials"], "\(conditions)")
        let refusals = capture.all.filter { $0.contains("the interface refuses the appliance") }
        #expect(refusals.count == 1, "one error per change of state, not per probe: \(refusals)")
        #expect(refusals.first?.hasPrefix("error") == true)
        #expect(!capture.all.joined().contains("vaarin"), "the password is never logged")

        let status = try await VTJDropBinary.runDetached(["status", "--state", harness.root + "/state"])
        // The gate is closed: degraded, exit 1 (issue 17).
        #expect(status.status == 1, "\(status.stderr)")
        #expect(status.stdout.contains("NOT SERVING — interface since"), "\(status.stdout)")
        #expect(status.stdout.contains("the credentials were refused (HTTP 401"), "\(status.stdout)")
        #expect(status.stdout.contains("daemon: running"), "\(status.stdout)")

        // The operator fixes the file: no restart, the daemon notices and resumes by itself.
        try "salasana\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let served = await eventually(seconds: 60) {
            harness.outbox("sivistys").filter { $0.hasSuffix(".csv") }.count == 2
        }
        runner.requestStop()
        await daemon.value
        #expect(served, "the held drops were served once the password file was fixed: \(harness.outbox("sivistys"))")
        #expect(harness.inbox("sivistys").isEmpty)
        for name in harness.outbox("sivistys") where name.hasSuffix(".kuitti.txt") {
            #expect(try harness.read("sivistys", name).contains("tulos: valmis"))
        }
        #expect(try harness.appliance.database.conditions().isEmpty, "the condition is cleared")
        #expect(capture.all.filter { $0.contains("the interface answers again") }.count == 1)
    }

    /// The credentials stop working after the start-up check: the drop that meets the 401 waits
    /// (with a pending note), is never refused, and is served once the interface accepts them again.
    @Test(arguments: WireKind.allCases)
    func credentialsRefusedMidRunHoldTheDropInsteadOfRefusingIt(wire: WireKind) async throws {
        let harness = try await PipelineHarness(wire: wire)
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil, "the interface answers at first")
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "tunnus.txt", hetus.joined(separator: "\n"))
        let held = await harness.runner.runOnce()
        #expect(held.published == 0 && held.refused == 0 && held.retrying == 1, "\(held)")
        guard case .refusing(.credentials, _)? = held.interface else {
            Issue.record("run --once must report the refusal (exit 3): \(held)")
            return
        }
        #expect(RunExitStatus.once(held).code == 3)
        let files = harness.outbox("sivistys")
        #expect(files.count == 1 && files[0].hasSuffix(".odottaa.txt"), "a pending note, no receipt: \(files)")
        let note = try harness.read("sivistys", files[0])
        #expect(note.contains("on vastaanotettu, ja se odottaa käsittelyä"))
        #expect(note.contains("Vika ei ole tiedostossasi"))
        #expect(!note.contains("vaihdettu") && !note.contains("salasana"))

        sandbox.setCredentials(user: "kunta", password: "salasana")
        let resumed = await harness.runner.runOnce()
        #expect(resumed.published == 1 && resumed.interface == nil, "\(resumed)")
        let after = harness.outbox("sivistys")
        #expect(after.filter { $0.hasSuffix(".odottaa.txt") }.isEmpty, "the note is removed when the result is out: \(after)")
        #expect(try harness.only("sivistys", suffix: ".kuitti.txt").contains("tulos: valmis"))
    }

    /// A wrong `vtj.url` answers 404: that is the operator's fault, never "virheellinen-pyynto"
    /// for the department (issue 13). The drop's own walk meets the 404 here (no start-up check in
    /// between), and waits.
    @Test func notFoundIsTheOperatorsFaultNotTheDepartments() async throws {
        let sandbox = try await Self.externalSandbox()
        let harness = try await PipelineHarness(external: sandbox, environment: [
            "VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana",
        ], urlPath: "/vaara/api/v1")
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("kirjasto", "lista.txt", hetus.joined(separator: "\n"))
        let claimed = GrowingInputTests.claimOnceSettled(harness)
        try #require(claimed.count == 1)
        _ = await harness.runner.process(claimed)
        let entry = try #require(try harness.appliance.database.journal.entry(claimed[0].id.value))
        #expect(entry.state == .failedTransient, "the drop waits: \(entry.state)")
        #expect(entry.error?.contains("404") == true)
        #expect(harness.outbox("kirjasto").allSatisfy { $0.hasSuffix(".odottaa.txt") }, "\(harness.outbox("kirjasto"))")
        #expect(await !harness.runner.gate.isOpen, "claiming stops")
        guard case .refusing(.address, _) = await harness.runner.condition else {
            Issue.record("a 404 is a wrong address: \(await harness.runner.condition)")
            return
        }
        // The start-up check of the next run finds the same and claims nothing more.
        try harness.drop("kirjasto", "toinen.txt", hetus[0])
        let again = await harness.runner.runOnce()
        #expect(RunExitStatus.once(again).code == 3)
        #expect(harness.inbox("kirjasto") == ["toinen.txt"])
    }

    /// `run --once` as cron runs it: wrong password → exit 3, wrong address → exit 3, nothing
    /// listening → exit 4; in every case the inbox is left exactly as it was.
    @Test(arguments: ["wrong-password", "wrong-address", "unreachable"])
    func runOnceExitsNonZeroAndLeavesTheInboxUntouched(_ fault: String) async throws {
        let sandbox = try await Self.externalSandbox()
        defer { Task { await sandbox.shutdown() } }
        let root = try TempFolder()
        defer { root.remove() }
        for folder in ["inbox/sivistys", "outbox", "state"] { try FileManager.default.createDirectory(atPath: root.path + "/" + folder, withIntermediateDirectories: true) }
        var url = sandbox.baseURL!
        if fault == "wrong-address" { url = url.replacingOccurrences(of: "/api/v1", with: "/vaara/api/v1") }
        if fault == "unreachable" { url = "http://127.0.0.1:9/api/v1" }
        try root.write("vtjdrop.yaml", """
            inbox: ./inbox
            outbox: ./outbox
            state: ./state
            vtj:
              url: \(url)
              connect_timeout: 2
              total_timeout: 5
            schedule: {changes_at: never}
            \(PipelineHarness.departmentsYAML)
            """)
        try root.write("inbox/sivistys/lista.txt", sandbox.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        // The department's folder as the clerk left it (other departments' folders may be created at start).
        let before = try FileSystemSnapshot(root.path + "/inbox/sivistys")
        let run = try await VTJDropBinary.runDetached(["run", "--once", "--config", root.path + "/vtjdrop.yaml"], environment: [
            "VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": fault == "wrong-password" ? "vaarin" : "salasana",
        ])
        #expect(run.status == (fault == "unreachable" ? 4 : 3), "\(fault): \(run.status) \(run.stderr)")
        let expected = ["wrong-password": "the credentials were refused (HTTP 401", "wrong-address": "vtj.url does not point at the interface (HTTP 404",
                        "unreachable": "the interface cannot be reached"][fault]!
        #expect(run.stderr.contains(expected), "\(fault): \(run.stderr)")
        // The reason on stderr (beside the log, which has it too); stdout has the totals alone, so a
        // terminal, which shows both streams, does not get it once more.
        #expect(run.stderr.contains("vtjdrop run --once: work not done: nothing claimed: "), "\(fault): \(run.stderr)")
        #expect(run.stdout.contains("vtjdrop run --once: 0 published, 0 refused, 0 waiting for a retry\n"), "\(fault): \(run.stdout)")
        #expect(!run.stdout.contains(expected), "\(fault): \(run.stdout)")
        #expect(!run.stderr.contains("vaarin") && !run.stderr.contains("salasana"))
        #expect(try FileSystemSnapshot(root.path + "/inbox/sivistys") == before, "\(fault): the inbox is untouched")
        let work = (try? FileManager.default.contentsOfDirectory(atPath: root.path + "/state/claims/sivistys/work")) ?? []
        #expect(work.isEmpty, "\(fault): nothing was claimed")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: root.path + "/outbox/sivistys")) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
    }
}
