import Foundation
import Logging
import Synchronization
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Issue 12, items 2 and 8: answers from the built-in sandbox are marked as test data wherever a
/// clerk sees them; times people read are Finnish time with the offset, file names keep a
/// sortable UTC stamp.
@Suite(.serialized) struct FinnishTimeAndTestDataTests {
    @Test func logLinesAreStampedInFinnishTimeWithTheOffset() throws {
        let finland = FinnishTime()
        let winter = Date(timeIntervalSince1970: 1_768_471_200)        // 2026-01-15T10:00:00Z
        let summer = Date(timeIntervalSince1970: 1_784_109_600.25)     // 2026-07-15T10:00:00.25Z
        #expect(FinnishTimeLogHandler.stamp(winter, zone: finland) == "2026-01-15T12:00:00.000+02:00")
        #expect(FinnishTimeLogHandler.stamp(summer, zone: finland) == "2026-07-15T13:00:00.250+03:00")

        let lines = Mutex<[String]>([])
        var handler = FinnishTimeLogHandler(label: "vtjdrop", zone: finland) { line in lines.withLock { $0.append(line) } }
        handler.logLevel = .info
        Logger(label: "vtjdrop") { _ in handler }.notice("drop claimed", metadata: ["department": "sivistys"])
        let line = try #require(lines.withLock { $0.first })
        #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[23]:00 notice vtjdrop: department=sivistys \[VTJDropTests\] drop claimed\n$"#,
                            options: .regularExpression) != nil, "\(line)")
    }

    /// The real binary on a machine set to UTC: its log lines still say Finnish time.
    @Test func theDaemonLogsFinnishTimeWhateverTheMachinesZone() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let run = try await VTJDropBinary.runDetached(["run", "--once"], environment: ["TZ": "UTC"], currentDirectory: temp.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[23]:00 "#, options: .regularExpression) != nil, "\(line)")
        }
    }

    /// Whatever wire the sandbox speaks: the marking follows the endpoint, not the encoding.
    @Test(arguments: [WireKind.xml, .json])
    func sandboxAnswersAreMarkedAsTestDataAndTimesCarryTheirOffset(wire: WireKind) async throws {
        let harness = try await PipelineHarness(wire: wire)
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "luokka.txt", hetus.joined(separator: "\n"))
        try harness.drop("sivistys", "tyhja.txt", "")
        #expect(await harness.runner.runOnce().published == 1)
        let result = try #require(harness.outbox("sivistys").first { $0.hasSuffix(".csv") })
        #expect(result.range(of: #"^luokka\.\d{8}T\d{6}Z-[0-9a-z]+\.TESTIAINEISTO\.csv$"#, options: .regularExpression) != nil,
                "a sortable UTC stamp and the test-data mark in the name: \(result)")
        for name in harness.outbox("sivistys") where name.hasSuffix(".kuitti.txt") {
            let receipt = try harness.read("sivistys", name)
            #expect(receipt.hasPrefix("# TESTIAINEISTO – vtjdrop – kuitti"), "the first line says it, also on a refusal: \(receipt)")
            #expect(receipt.contains("\r\naineisto: testiaineisto\r\n"))
            #expect(receipt.range(of: #"\r\nkasitelty: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00\r\n"#, options: .regularExpression) != nil, "\(receipt)")
        }
    }

    /// The register, or anything reached through `vtj.url`, is never marked.
    @Test func answersThroughVtjUrlAreNotMarked() async throws {
        let sandbox = SandboxServer(configuration: SandboxConfiguration(population: 400, seed: 7, uncensored: true))
        try await sandbox.start()
        let harness = try await PipelineHarness(external: sandbox, environment: ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana"])
        defer { Task { await harness.close() } }
        try harness.drop("sivistys", "luokka.txt", harness.registry.hetus(where: [.resident], limit: 2).joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        #expect(!harness.outbox("sivistys").contains { $0.contains("TESTIAINEISTO") })
        #expect(try !harness.only("sivistys", suffix: ".kuitti.txt").contains("TESTIAINEISTO"))
    }
}
