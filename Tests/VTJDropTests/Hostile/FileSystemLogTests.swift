import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// Departments name files and folders after persons: a henkilötunnus in a file or folder name
/// never reaches a log line (it is masked, `010594Y***2`), whatever happens to the entry.
@Suite struct FileSystemLogTests {
    @Test func hetuInAFileOrFolderNameNeverReachesALogLine() async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(logger: capture.logger())
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let named = harness.registry.hetus(where: [.resident], limit: 4)
        let inbox = harness.root + "/inbox"
        try harness.drop("sivistys", named[0] + ".txt", named[1])                               // served
        #expect(symlink("/etc/passwd", inbox + "/sivistys/" + named[2].lowercased() + " linkki.txt") == 0) // quarantined
        try harness.drop("sivistys", "tyhja " + named[3] + ".txt", "")                           // refused: no hetu
        try FileManager.default.createDirectory(atPath: inbox + "/" + named[1], withIntermediateDirectories: false) // unconfigured
        let summary = await runner.runOnce(maximumWait: .seconds(10))
        #expect(summary.published == 1, "\(summary)")
        #expect(Set(harness.quarantined().compactMap { $0.split(separator: "/").first }).count == 2, "\(harness.quarantined())")
        let lines = capture.all.joined(separator: "\n")
        #expect(lines.contains("drop claimed") && lines.contains("never read") && lines.contains("not a configured department"))
        for hetu in named {
            #expect(!lines.uppercased().contains(hetu), "\(hetu.prefix(7))… appears in a log line")
        }
        #expect(lines.contains(Henkilotunnus.mask(named[0])), "the name is still recognisable, masked")
    }

    @Test func loggedNamesMaskEveryHetuInAnyCase() {
        #expect(DropFileName("010594Y9032.txt").logged == "010594Y***2.txt")
        #expect(DropFileName("luokka 7b 010594y9032 ja 020594X903P.csv").logged == "luokka 7b 010594Y***2 ja 020594X***P.csv")
        #expect(DropFileName("010594Y9033.txt").logged == "010594Y9033.txt", "a wrong check character is not a hetu")
        #expect(DropFileName("lista.txt").logged == "lista.txt")
        #expect(DropFileName.maskingHetus(in: "opening /inbox/a/020275-9862.txt failed") == "opening /inbox/a/020275-***2.txt failed")
    }

    @Test func publishingFailureOfADropNamedAfterAPersonIsLoggedMasked() async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(logger: capture.logger())
        defer { Task { await harness.close() } }
        let runner = harness.runner
        let named = harness.registry.hetus(where: [.resident], limit: 2)
        // The rename into place fails: the error names the result, whose name starts with the hetu.
        try harness.drop("sivistys", named[0] + ".txt", named[1])
        let outbox = harness.root + "/outbox/sivistys"
        DeliveryFaultInjection.inject(EIO, at: .publish, folder: outbox)
        defer { DeliveryFaultInjection.clear(outbox) }
        #expect(await runner.runOnce(maximumWait: .seconds(10)).retrying == 1)
        let lines = capture.all.joined(separator: "\n")
        #expect(lines.contains("drop will be retried") && lines.contains("publishing"))
        #expect(lines.contains(Henkilotunnus.mask(named[0]) + "."), "the failing name, masked")
        for hetu in named { #expect(!lines.uppercased().contains(hetu)) }
    }
}
