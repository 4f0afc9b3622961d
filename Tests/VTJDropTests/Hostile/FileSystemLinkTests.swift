import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// Hard links, linked or unconfigured department folders, names that are never picked up, and
/// what retention does with a quarantined link.
@Suite struct FileSystemLinkTests {
    @Test func hardLinkToAFileOutsideWaitsQuietlyThenIsReportedUnread() async throws {
        let clock = ManualWallClock(Date())
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root, extraLines: harness.registry.hetus(where: [.resident], limit: 2))
        let before = harness.pathsOutsideState()
        #expect(link(outside.path, harness.root + "/inbox/sivistys/linkki.txt") == 0)

        // First: an upload mid-publish as far as anyone can tell (sftp-server links, then unlinks).
        let quiet = await harness.runOnceBounded()
        #expect(quiet?.published == 0)
        #expect(harness.outbox("sivistys").isEmpty && harness.quarantined().isEmpty)
        #expect(harness.inbox("sivistys") == ["linkki.txt"])

        // Ten minutes of two names is not an upload: the link itself goes to quarantine, reported.
        clock.set(Date().addingTimeInterval(601)) // from the link's real change time, however slow the machine
        let reported = await harness.runOnceBounded()
        #expect(reported?.published == 0)
        #expect(harness.inbox("sivistys").isEmpty)
        #expect(harness.quarantined().count == 1 && harness.quarantined().allSatisfy { $0.hasSuffix("/linkki.txt") })
        let receipts = try harness.receipts("sivistys")
        #expect(receipts.count == 1)
        #expect(receipts.values.first?.contains("kovaa linkkiä") == true)
        #expect(receipts.values.first?.contains("sitä ei avattu") == true)
        #expect(outside.untouched, "the linked file's content and access time are unchanged")
        #expect(!harness.regularFileText(under: harness.root + "/outbox").contains(outside.marker))
        #expect(harness.newPathsOutsideOutbox(since: before, department: "sivistys").filter { !$0.hasPrefix("inbox/") }.isEmpty)
        try await harness.expectKeepsServing()
    }

    @Test func theHardLinkWaitIsConfigurable() async throws {
        let clock = ManualWallClock(Date())
        let harness = try await PipelineHarness(settings: ["hard_link_wait_seconds": "30"], clock: clock)
        defer { Task { await harness.close() } }
        #expect(harness.appliance.configuration.intake.hardLinkWait == .seconds(30))
        let outside = try OutsideFile(root: harness.root)
        #expect(link(outside.path, harness.root + "/inbox/sivistys/linkki.txt") == 0)
        clock.set(Date().addingTimeInterval(20))
        _ = await harness.runOnceBounded()
        #expect(harness.quarantined().isEmpty, "within the wait")
        clock.set(Date().addingTimeInterval(31))
        _ = await harness.runOnceBounded()
        let receipts = try harness.receipts("sivistys")
        #expect(harness.quarantined().count == 1 && receipts.count == 1, "after 30 s, not 10 min")
        #expect(outside.untouched)
    }

    @Test func hardLinkThatResolvesLikeAnSftpUploadIsServed() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        let upload = harness.root + "/inbox/sivistys/.upload-tmp"
        try hetus.joined(separator: "\n").write(toFile: upload, atomically: false, encoding: .utf8)
        #expect(link(upload, harness.root + "/inbox/sivistys/siirto.txt") == 0)
        #expect(await harness.runOnceBounded()?.published == 0, "two names: waited for quietly")
        #expect(harness.outbox("sivistys").isEmpty && harness.quarantined().isEmpty)
        #expect(unlink(upload) == 0)
        #expect(await harness.runOnceBounded()?.published == 1, "one name: an ordinary drop")
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").dropFirst().map { String($0.prefix(11)) }
        #expect(Set(rows) == Set(hetus))
    }

    @Test func symlinkedDepartmentFolderIsNeverFollowed() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root, name: "lista.txt", extraLines: harness.registry.hetus(where: [.resident], limit: 1))
        let inbox = harness.root + "/inbox/kirjasto"
        #expect(rmdir(inbox) == 0)
        #expect(symlink(harness.root + "/outside", inbox) == 0)
        let before = harness.pathsOutsideState()
        let summary = await harness.runOnceBounded()
        #expect(summary?.published == 0)
        #expect(harness.outbox("kirjasto").isEmpty && harness.quarantined().isEmpty)
        #expect(outside.untouched && FileManager.default.fileExists(atPath: outside.path), "left where it is, unread")
        #expect(!harness.everyOutputByte().contains(outside.marker))
        #expect(harness.pathsOutsideState() == before, "nothing moved, nothing new")
        try await harness.expectKeepsServing("sivistys")
    }

    @Test func dropIntoAnUnconfiguredDepartmentFolderIsLeftAlone() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let folder = harness.root + "/inbox/tuntematon"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let marker = "TUNTEMATON-" + UUID().uuidString
        try (marker + "\n" + harness.registry.hetus(where: [.resident], limit: 1)[0] + "\n")
            .write(toFile: folder + "/lista.txt", atomically: true, encoding: .utf8)
        #expect(symlink("/etc", harness.root + "/inbox/etc") == 0)
        let before = harness.pathsOutsideState()
        let summary = await harness.runOnceBounded()
        #expect(summary?.published == 0 && summary?.refused == 0)
        #expect(harness.pathsOutsideState() == before, "no outbox/tuntematon, nothing moved")
        #expect(harness.quarantined().isEmpty)
        #expect(!harness.everyOutputByte().contains(marker))
        #expect(!harness.everyOutputByte().contains("root:x:0:0"))
        try await harness.expectKeepsServing()
    }

    @Test func hiddenAndUnfinishedNamesAreNeverPickedUp() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetu = harness.registry.hetus(where: [.resident], limit: 1)[0]
        let names = [".lista.txt", "..lista.txt", "lista.txt.part", "lista.TMP", "~$lista.txt", "lista.txt.done"]
        for name in names { try hetu.write(toFile: harness.root + "/inbox/sivistys/" + name, atomically: false, encoding: .utf8) }
        #expect(symlink("/etc/passwd", harness.root + "/inbox/sivistys/.piilolinkki") == 0)
        #expect(mkfifo(harness.root + "/inbox/sivistys/upload.part", 0o600) == 0)
        let before = harness.pathsOutsideState()
        let summary = await harness.runOnceBounded()
        #expect(summary?.published == 0 && summary?.refused == 0)
        #expect(harness.pathsOutsideState() == before, "left exactly as they were")
        #expect(harness.quarantined().isEmpty && harness.outbox("sivistys").isEmpty)
        try await harness.expectKeepsServing()
        #expect(Set(harness.inbox("sivistys")) == Set(names + [".piilolinkki", "upload.part"]))
    }

    @Test func retentionDeletesAQuarantinedLinkNeverItsTarget() async throws {
        let clock = ManualWallClock(Date())
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        let outside = try OutsideFile(root: harness.root)
        #expect(symlink(outside.path, harness.root + "/inbox/sivistys/linkki.txt") == 0)
        clock.set(Date().addingTimeInterval(5))
        _ = await harness.runOnceBounded()
        #expect(harness.quarantined().count == 1)
        clock.advance(seconds: 61 * 86_400)
        await harness.runner.runRetention(force: true)
        #expect(harness.quarantined().isEmpty, "deleted when quarantine retention ended")
        #expect(outside.untouched && FileManager.default.fileExists(atPath: outside.path))
        #expect(try harness.appliance.database.journal.retentionDeletions().count == 1)
    }
}
