import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// Files that change under the appliance: gone between scan and claim, replaced or growing
/// while settling. The intake cycle is driven with injected instants, so no test sleeps.
@Suite struct FileSystemRaceTests {
    typealias Instant = ContinuousClock.Instant

    private func lines(_ hetus: [String]) -> String { hetus.joined(separator: "\n") + "\n" }

    private func workFolders(_ harness: PipelineHarness) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: harness.root + "/state/claims/sivistys/work")) ?? []
    }

    @Test func fileGoneBetweenScanAndClaimIsNothingToDo() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        try DropTestFolder.write("010594Y9032\n", to: inbox + "/lista.txt")
        let listing = try InboxScanner().scan(folder: inbox)
        let entry = try #require(listing.files["lista.txt"])
        #expect(unlink(inbox + "/lista.txt") == 0)
        let claimer = Claimer(stateFolder: temp.path + "/state")
        try claimer.prepare()
        let outcome = try claimer.claim(entry.name, department: "a", from: inbox, id: DropIDGenerator.next())
        #expect(outcome == .vanished)
        #expect(try DropTestFolder.names(temp.path + "/state/work").isEmpty, "no empty claim left behind")
    }

    @Test func fileGoneWhileSettlingLeavesNoTrace() async throws {
        let harness = try await PipelineHarness(readiness: "settle")
        defer { Task { await harness.close() } }
        let intake = IntakeCycle(appliance: harness.appliance)
        try harness.drop("sivistys", "pois.txt", lines(harness.registry.hetus(where: [.resident], limit: 2)))
        let start = Instant.now
        let first = intake.pass(now: start)
        #expect(first.claimed.isEmpty && first.waiting == 1)
        #expect(unlink(harness.root + "/inbox/sivistys/pois.txt") == 0)
        let later = intake.pass(now: start + .seconds(5))
        #expect(later.claimed.isEmpty && later.waiting == 0)
        #expect(workFolders(harness).isEmpty && harness.outbox("sivistys").isEmpty && harness.quarantined().isEmpty)
        try await harness.expectKeepsServing()
    }

    @Test func fileReplacedWhileSettlingIsClaimedAsFinallyWritten() async throws {
        let harness = try await PipelineHarness(readiness: "settle")
        defer { Task { await harness.close() } }
        let intake = IntakeCycle(appliance: harness.appliance)
        let hetus = harness.registry.hetus(where: [.resident], limit: 4)
        try harness.drop("sivistys", "vaihto.txt", lines(Array(hetus[0..<2])))
        let start = Instant.now
        #expect(intake.pass(now: start).waiting == 1)
        // Another file of the same size renamed over it: a new inode restarts the settle period.
        try harness.drop("sivistys", "vaihto.txt", lines(Array(hetus[2..<4])))
        #expect(intake.pass(now: start + .milliseconds(400)).claimed.isEmpty)
        #expect(intake.pass(now: start + .milliseconds(700)).claimed.isEmpty, "changed at 0.4 s: not settled at 0.7 s")
        let settled = intake.pass(now: start + .milliseconds(1000))
        #expect(settled.claimed.count == 1)
        let summary = await harness.runner.process(settled.claimed)
        #expect(summary.published == 1)
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").dropFirst().map { String($0.prefix(11)) }
        #expect(Set(rows) == Set(hetus[2..<4]), "only the replacement's hetus")
    }

    @Test func fileGrowingWhileSettlingIsClaimedWhole() async throws {
        let harness = try await PipelineHarness(readiness: "settle")
        defer { Task { await harness.close() } }
        let intake = IntakeCycle(appliance: harness.appliance)
        let hetus = harness.registry.hetus(where: [.resident], limit: 6)
        let path = harness.root + "/inbox/sivistys/kasvaa.txt"
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        let start = Instant.now
        #expect(intake.pass(now: start).waiting == 1, "an empty file waits (30 s for empty files)")
        for (step, hetu) in hetus.enumerated() {
            try handle.write(contentsOf: Data((hetu + "\n").utf8))
            let pass = intake.pass(now: start + .milliseconds(300 * (step + 1)))
            #expect(pass.claimed.isEmpty, "still growing at step \(step)")
        }
        let settled = intake.pass(now: start + .milliseconds(300 * hetus.count + 600))
        #expect(settled.claimed.count == 1)
        let summary = await harness.runner.process(settled.claimed)
        #expect(summary.published == 1)
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").dropFirst().map { String($0.prefix(11)) }
        #expect(Set(rows) == Set(hetus), "every line written before it settled")
    }

    @Test func entryTurnedIntoALinkAfterTheScanIsNeverOpened() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root)
        // Scanned as a regular file, swapped for a link before the claim: the claim's own lstat
        // refuses it, it stays unopened, and the next pass quarantines it like any other link.
        try harness.drop("sivistys", "vaihdettu.txt", "010594Y9032\n")
        let folder = harness.root + "/inbox/sivistys"
        let entry = try #require(try InboxScanner().scan(folder: folder).files["vaihdettu.txt"])
        #expect(unlink(folder + "/vaihdettu.txt") == 0 && symlink(outside.path, folder + "/vaihdettu.txt") == 0)
        let outcome = try harness.appliance.claimer("sivistys").claim(entry.name, department: "sivistys", from: folder,
                                                                      id: DropIDGenerator.next())
        #expect(outcome == .refused(.notAFile(.symbolicLink), refusedPath: nil))
        #expect(workFolders(harness).isEmpty)
        _ = await harness.runOnceBounded()
        #expect(harness.quarantined().count == 1 && harness.inbox("sivistys").isEmpty)
        #expect(outside.untouched)
        #expect(!harness.everyOutputByte().contains(outside.marker))
    }

    @Test func entrySwappedForALinkDuringTheClaimIsQuarantinedWithItsWorkFolder() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root)
        let folder = harness.root + "/inbox/sivistys"
        try harness.drop("sivistys", "vaihto.txt", "010594Y9032\n")
        var claimer = harness.appliance.claimer("sivistys")
        let path = folder + "/vaihto.txt"
        let target = outside.path
        // Between the claim's lstat and its rename: the rename then moves the link itself.
        claimer.beforeRename = { _ = unlink(path); _ = symlink(target, path) }
        let id = DropIDGenerator.next()
        let outcome = try claimer.claim(DropFileName("vaihto.txt"), department: "sivistys", from: folder, id: id)
        let work = harness.root + "/state/claims/sivistys/work/" + id.value
        #expect(outcome == .refused(.notAFile(.symbolicLink), refusedPath: work + "/vaihto.txt"))
        IntakeCycle(appliance: harness.appliance).quarantineWork(
            work + "/vaihto.txt", id: id, name: DropFileName("vaihto.txt"), refusal: .notAFile(.symbolicLink),
            department: "sivistys", log: harness.appliance.logger)
        #expect(!FileManager.default.fileExists(atPath: work), "the work folder went to quarantine whole")
        #expect(harness.quarantinedKind(id.value + "/vaihto.txt") == S_IFLNK)
        let receipts = try harness.receipts("sivistys")
        #expect(receipts.count == 1 && receipts.values.allSatisfy { $0.contains("symbolinen linkki") })
        #expect(try harness.appliance.database.journal.entry(id.value)?.state == .quarantined)
        #expect(outside.untouched)
        #expect(!harness.everyOutputByte().contains(outside.marker))
        try await harness.expectKeepsServing()
    }
}
