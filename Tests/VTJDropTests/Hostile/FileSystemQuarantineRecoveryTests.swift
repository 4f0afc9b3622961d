import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// A refused inbox entry is renamed into `<state>/quarantine/<id>/` and then journaled and
/// answered. A kill between those steps must neither leave the department without a receipt nor
/// answer the entry twice.
@Suite struct FileSystemQuarantineRecoveryTests {
    let reason = IntakeCycle.reason(.notAFile(.symbolicLink))

    @Test func killedAfterTheRenameTheNextStartJournalsAndAnswersTheEntry() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root)
        let inbox = harness.root + "/inbox/sivistys"
        #expect(symlink(outside.path, inbox + "/linkki oppilaat.txt") == 0)
        // The earlier run: note written, link renamed into quarantine, then killed before the journal.
        let id = DropIDGenerator.next()
        let stored = try harness.appliance.mover.quarantineEntry(DropFileName(raw: Array("linkki oppilaat.txt".utf8)), department: "sivistys",
                                                                reason: reason, from: inbox, id: id)
        #expect(try harness.appliance.database.journal.entry(id.value) == nil)

        let summary = await harness.runOnceBounded()
        #expect(summary != nil)
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.contains("pyynto: \(id.value)") && receipt.contains("tiedosto: linkki oppilaat.txt"), "\(receipt)")
        #expect(receipt.contains("tulos: hylatty") && receipt.contains("tiedosto-ei-luettavissa"))
        let entry = try #require(try harness.appliance.database.journal.entry(id.value))
        #expect(entry.state == .quarantined && entry.storedPath == stored && entry.department == "sivistys")
        #expect(harness.quarantined() == [id.value + "/linkki oppilaat.txt"], "the note is gone once journaled")
        #expect(outside.untouched)

        _ = await harness.runOnceBounded()
        #expect(harness.outbox("sivistys").count == 1, "answered once")
    }

    @Test func killedBeforeTheRenameTheNoteIsDroppedAndTheEntryAnsweredOnce() async throws {
        let clock = ManualWallClock(Date())
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root)
        #expect(symlink(outside.path, harness.root + "/inbox/sivistys/linkki.txt") == 0)
        // The earlier run: folder and note made, killed before the rename; the link is still in the inbox.
        let stale = DropIDGenerator.next()
        let folder = harness.root + "/state/quarantine/" + stale.value
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        #expect(ClaimRecord(department: "sivistys", originalName: "linkki.txt", input: "linkki.txt", reason: reason).write(in: descriptor) == 0)
        close(descriptor)

        clock.set(Date().addingTimeInterval(5))
        _ = await harness.runOnceBounded()
        #expect(!FileManager.default.fileExists(atPath: folder), "the stale folder is removed")
        #expect(harness.outbox("sivistys").filter { $0.hasSuffix(".kuitti.txt") }.count == 1)
        #expect(harness.quarantined().count == 1 && !harness.quarantined()[0].hasPrefix(stale.value))
        #expect(outside.untouched)
    }

    @Test func retentionRemovesTheEntrysWholeFolder() async throws {
        let clock = ManualWallClock(Date())
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        #expect(mkfifo(harness.root + "/inbox/sivistys/putki.txt", 0o600) == 0)
        clock.set(Date().addingTimeInterval(5))
        _ = await harness.runOnceBounded()
        let quarantine = harness.root + "/state/quarantine"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? []).count == 1)
        clock.advance(seconds: 61 * 86_400)
        await harness.runner.runRetention(force: true)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? []).isEmpty,
                "no empty folder or note named after the drop is left behind")
    }
}
