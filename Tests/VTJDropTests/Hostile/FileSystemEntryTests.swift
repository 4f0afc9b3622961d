import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// Hostile inbox entries that are not plain files: each is never opened, goes to quarantine
/// itself (never its target) with an error receipt in the same department's outbox, nothing new
/// appears outside that outbox and the state folder, and a good drop afterwards is served.
@Suite struct FileSystemEntryTests {
    /// Runs once and checks the common promises for one refused entry named `name`.
    private func expectQuarantined(_ harness: PipelineHarness, _ name: String, kind: mode_t, reason: String,
                                   before: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let summary = await harness.runOnceBounded()
        #expect(summary != nil, "run --once must never block on an inbox entry", sourceLocation: sourceLocation)
        #expect(summary?.published == 0, sourceLocation: sourceLocation)
        #expect(!harness.inbox("sivistys").contains(name), "moved out of the inbox", sourceLocation: sourceLocation)
        let quarantined = harness.quarantined().filter { $0.hasSuffix("/" + DropFileName(name).safeName) }
        #expect(quarantined.count == 1, "\(harness.quarantined())", sourceLocation: sourceLocation)
        if let entry = quarantined.first { #expect(harness.quarantinedKind(entry) == kind, sourceLocation: sourceLocation) }
        let receipts = try harness.receipts("sivistys")
        #expect(receipts.count == 1, "\(receipts.keys)", sourceLocation: sourceLocation)
        if let (receiptName, text) = receipts.first {
            #expect(receiptName.hasPrefix(DropFileName(name).safeStem + "."), sourceLocation: sourceLocation)
            #expect(text.contains("tulos: hylatty"), sourceLocation: sourceLocation)
            #expect(text.contains("syykoodi: tiedosto-ei-luettavissa"), sourceLocation: sourceLocation)
            #expect(text.contains(reason) && text.contains("sitä ei avattu"), "\(text)", sourceLocation: sourceLocation)
            // The journal agrees: refused, quarantined, with the receipt and the stored path.
            let id = receiptName.split(separator: ".").dropLast(2).last.map(String.init) ?? ""
            let entry = try harness.appliance.database.journal.entry(id)
            #expect(entry?.state == .quarantined, sourceLocation: sourceLocation)
            #expect(entry?.storedPath.hasPrefix(harness.root + "/state/quarantine/" + id + "/") == true, sourceLocation: sourceLocation)
        }
        #expect(harness.newPathsOutsideOutbox(since: before, department: "sivistys")
            .filter { !$0.hasPrefix("inbox/") }.isEmpty, sourceLocation: sourceLocation)
        #expect(harness.temporaryFiles("sivistys").isEmpty, sourceLocation: sourceLocation)
    }

    @Test func symlinkToEtcPasswdIsQuarantinedUnread() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let before = harness.pathsOutsideState()
        #expect(symlink("/etc/passwd", harness.root + "/inbox/sivistys/passwd.txt") == 0)
        try await expectQuarantined(harness, "passwd.txt", kind: S_IFLNK, reason: "symbolinen linkki", before: before)
        #expect(!harness.everyOutputByte().contains("root:x:0:0"))
        let link = harness.quarantined().first.map { harness.root + "/state/quarantine/" + $0 } ?? ""
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/etc/passwd")
        try await harness.expectKeepsServing()
    }

    @Test func symlinkToAMarkedFileOutsideIsNeverRead() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        // The target looks like a perfect drop: if anything followed the link, it would be served.
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        let outside = try OutsideFile(root: harness.root, extraLines: hetus)
        let before = harness.pathsOutsideState()
        #expect(symlink(outside.path, harness.root + "/inbox/sivistys/lista.txt") == 0)
        try await expectQuarantined(harness, "lista.txt", kind: S_IFLNK, reason: "symbolinen linkki", before: before)
        #expect(outside.untouched, "the target's content and access time are unchanged")
        #expect(!harness.everyOutputByte().contains(outside.marker))
        try await harness.expectKeepsServing()
    }

    @Test func danglingSymlinkIsQuarantined() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let before = harness.pathsOutsideState()
        #expect(symlink(harness.root + "/ei-ole/olematon.txt", harness.root + "/inbox/sivistys/haamu.txt") == 0)
        try await expectQuarantined(harness, "haamu.txt", kind: S_IFLNK, reason: "symbolinen linkki", before: before)
        #expect(!FileManager.default.fileExists(atPath: harness.root + "/ei-ole"), "the link's target was never created")
    }

    @Test func symlinkToAFolderOutsideIsNeverFollowed() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 1)
        let outside = try OutsideFile(root: harness.root, name: "lista.txt", extraLines: hetus)
        let before = harness.pathsOutsideState()
        #expect(symlink(harness.root + "/outside", harness.root + "/inbox/sivistys/kansio") == 0)
        try await expectQuarantined(harness, "kansio", kind: S_IFLNK, reason: "symbolinen linkki", before: before)
        #expect(outside.untouched)
        #expect(FileManager.default.fileExists(atPath: outside.path), "the folder behind the link keeps its files")
        #expect(!harness.everyOutputByte().contains(outside.marker))
        try await harness.expectKeepsServing()
    }

    @Test func folderNamedLikeADropIsQuarantinedWhole() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let before = harness.pathsOutsideState()
        let folder = harness.root + "/inbox/sivistys/lista.txt"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let marker = "KANSION-SISALTO-" + UUID().uuidString
        try (marker + "\n" + harness.registry.hetus(where: [.resident], limit: 1)[0]).write(
            toFile: folder + "/sisalla.txt", atomically: true, encoding: .utf8)
        try await expectQuarantined(harness, "lista.txt", kind: S_IFDIR, reason: "(kansio)", before: before)
        // Moved whole, its contents unread: the marker is only in the quarantined file itself.
        let quarantined = harness.quarantined().first.map { harness.root + "/state/quarantine/" + $0 } ?? ""
        #expect(try String(contentsOfFile: quarantined + "/sisalla.txt", encoding: .utf8).hasPrefix(marker))
        #expect(!harness.regularFileText(under: harness.root + "/outbox").contains(marker))
        try await harness.expectKeepsServing()
    }

    @Test func fifoNeverBlocksAndIsQuarantined() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let before = harness.pathsOutsideState()
        #expect(mkfifo(harness.root + "/inbox/sivistys/putki.txt", 0o666) == 0)
        try await expectQuarantined(harness, "putki.txt", kind: S_IFIFO, reason: "nimetty putki (FIFO)", before: before)
        try await harness.expectKeepsServing()
    }

    @Test func unixSocketIsQuarantined() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let before = harness.pathsOutsideState()
        let path = harness.root + "/inbox/sivistys/pistoke.txt"
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "bind: \(errno)")
        try await expectQuarantined(harness, "pistoke.txt", kind: S_IFSOCK, reason: "pistoke (socket)", before: before)
        try await harness.expectKeepsServing()
    }

    @Test func oversizeFileIsQuarantinedUnopened() async throws {
        let harness = try await PipelineHarness(settings: ["max_file_bytes": "4096"])
        defer { Task { await harness.close() } }
        let before = harness.pathsOutsideState()
        let marker = "ISO-TIEDOSTO-" + UUID().uuidString
        try harness.drop("sivistys", "iso.txt", marker + "\n" + String(repeating: "010594Y9032\n", count: 400))
        try await expectQuarantined(harness, "iso.txt", kind: S_IFREG, reason: "suurempi kuin sallitut", before: before)
        #expect(!harness.regularFileText(under: harness.root + "/outbox").contains(marker))
        try await harness.expectKeepsServing()
    }

    @Test func receiptOfAQuarantinedEntryWaitsForAWritableOutbox() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outbox = harness.root + "/outbox/sivistys"
        DeliveryFaultInjection.inject(EROFS, at: .create, folder: outbox)
        defer { DeliveryFaultInjection.clear(outbox) }
        #expect(symlink("/etc/passwd", harness.root + "/inbox/sivistys/passwd.txt") == 0)
        _ = await harness.runOnceBounded()
        #expect(harness.quarantined().count == 1 && harness.outbox("sivistys").isEmpty, "quarantined; the receipt waits")
        DeliveryFaultInjection.clear(outbox)
        _ = await harness.runOnceBounded()
        let receipts = try harness.receipts("sivistys")
        #expect(receipts.count == 1 && receipts.values.allSatisfy { $0.contains("symbolinen linkki") }, "published on the next pass")
        _ = await harness.runOnceBounded()
        #expect(try harness.receipts("sivistys").count == 1, "exactly once")
    }

    @Test func receiptLeftUnpublishedByAnEarlierRunIsPublishedAfterARestart() async throws {
        let clock = ManualWallClock(Date())
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        let outbox = harness.root + "/outbox/sivistys"
        DeliveryFaultInjection.inject(ENOSPC, at: .write, folder: outbox)
        defer { DeliveryFaultInjection.clear(outbox) }
        #expect(mkfifo(harness.root + "/inbox/sivistys/putki.txt", 0o600) == 0)
        let before = IntakeCycle(appliance: harness.appliance)
        clock.set(Date().addingTimeInterval(5))  // past the settle period, measured from the FIFO's change time
        _ = before.pass(now: .now)
        #expect(harness.quarantined().count == 1 && harness.outbox("sivistys").isEmpty)
        let id = try #require(harness.quarantined().first?.split(separator: "/").first.map(String.init))
        #expect(try harness.appliance.database.journal.entry(id)?.state == .refused, "refused until its receipt is out")

        // A new process finds it in the journal once the outbox has room again: its recovery
        // (RecoveryPlan's `publishRefusalReceipt`) hands the entry to the new intake cycle.
        DeliveryFaultInjection.clear(outbox)
        let after = IntakeCycle(appliance: harness.appliance)
        let recovered = WorkRecovery(appliance: harness.appliance).run()
        #expect(recovered.refusals.count == 1 && recovered.claimed.isEmpty)
        after.resume(recovered.refusals)
        _ = after.pass(now: .now)
        let receipts = try harness.receipts("sivistys")
        #expect(receipts.count == 1 && receipts.keys.allSatisfy { $0.hasPrefix("putki." + id) })
        #expect(receipts.values.allSatisfy { $0.contains("nimetty putki (FIFO)") && $0.contains("tiedosto: putki.txt") })
        let entry = try harness.appliance.database.journal.entry(id)
        #expect(entry?.state == .quarantined && entry?.resultFiles.count == 1)
        _ = after.pass(now: .now)
        #expect(try harness.receipts("sivistys").count == 1, "exactly once")
    }
}
