import Foundation
import Glibc
import GRDB
import Testing
@testable import VTJDrop
import VTJCore

/// Issue 16, item 6: results with personal data stayed in the outbox forever, and with the
/// recommended permissions clerks could not delete them. The daemon removes what it published
/// after `retention.outbox_days`, audits each removal, and never touches anything else.
@Suite(.serialized) struct OutboxRetentionTests {
    static let noon = Date(timeIntervalSince1970: 1_795_686_000)  // 2026-11-26 10:00 Helsinki

    @Test func publishedFilesLeaveAfterTheirDaysAndOnlyThey() async throws {
        let clock = ManualWallClock(Self.noon)
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        // Departments name files after persons: the audit row must not show the code.
        try harness.drop("sivistys", "\(hetus[0]) oppilas.txt", hetus.joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        let published = harness.outbox("sivistys")
        #expect(published.count == 2, "result and receipt: \(published)")
        let dropID = try #require(published.first { $0.hasSuffix(".kuitti.txt") }?.split(separator: ".").dropLast(2).last.map(String.init))

        // What a clerk keeps in the outbox, including a file that merely looks like vtjdrop's, and
        // a link put where a result was: none of it is vtjdrop's to remove.
        let folder = harness.root + "/outbox/sivistys"
        try "omat muistiinpanot".write(toFile: folder + "/muistiinpanot.txt", atomically: false, encoding: .utf8)
        try "kopio".write(toFile: folder + "/kopio.\(dropID).csv.bak", atomically: false, encoding: .utf8)
        let result = try #require(published.first { $0.hasSuffix(".csv") })
        try "tärkeä".write(toFile: harness.root + "/tarkea.txt", atomically: false, encoding: .utf8)

        clock.advance(seconds: 29 * 86_400)
        await harness.runner.runRetention(force: true)
        #expect(Set(harness.outbox("sivistys")).isSuperset(of: published), "kept within the 30 days")
        #expect(try harness.appliance.database.auditLog.outboxRemovals().isEmpty)

        // The clerk replaced the result with a link to something else: it is left alone.
        #expect(unlink(folder + "/" + result) == 0 && symlink(harness.root + "/tarkea.txt", folder + "/" + result) == 0)
        clock.advance(seconds: 2 * 86_400)
        await harness.runner.runRetention(force: true)
        let left = harness.outbox("sivistys")
        #expect(!left.contains { $0.hasSuffix(".kuitti.txt") }, "the receipt is removed after 30 days: \(left)")
        #expect(left.contains("muistiinpanot.txt") && left.contains("kopio.\(dropID).csv.bak") && left.contains(result),
                "nothing vtjdrop did not publish (or no longer a file it wrote) is removed: \(left)")
        #expect(FileManager.default.fileExists(atPath: harness.root + "/tarkea.txt"))

        let removals = try harness.appliance.database.auditLog.outboxRemovals()
        #expect(removals.count == 1, "\(removals)")
        let removal = try #require(removals.first)
        #expect(removal.department == "sivistys" && removal.dropID == dropID && removal.ageDays == 31)
        #expect(removal.file.hasSuffix(".kuitti.txt") && !removal.file.contains(hetus[0]) && removal.file.contains(Henkilotunnus.mask(hetus[0])))
        #expect(removal.at == clock.now())
        #expect(try harness.appliance.database.auditLog.outboxRemovals(dropID: dropID) == removals)
        #expect(try harness.appliance.database.auditLog.outboxRemovals(dropID: "another").isEmpty)

        // Swept once: a later sweep finds nothing more to do and audits nothing twice.
        clock.advance(seconds: 86_400)
        await harness.runner.runRetention(force: true)
        #expect(try harness.appliance.database.auditLog.outboxRemovals().count == 1)
        // The audit log is append-only.
        #expect(throws: (any Error).self) {
            try harness.appliance.database.pool.write { try $0.execute(sql: "DELETE FROM audit_outbox_removal") }
        }
    }

    @Test func zeroDaysKeepsPublishedFilesUntilRemovedByHand() async throws {
        let clock = ManualWallClock(Self.noon)
        let harness = try await PipelineHarness(settings: ["retention": "{outbox_days: 0}"], clock: clock)
        defer { Task { await harness.close() } }
        try harness.drop("sivistys", "lista.txt", harness.registry.hetus(where: [.resident], limit: 1)[0])
        #expect(await harness.runner.runOnce().published == 1)
        clock.advance(seconds: 400 * 86_400)
        await harness.runner.runRetention(force: true)
        #expect(harness.outbox("sivistys").count == 2)
        #expect(harness.appliance.configuration.retention.outbox.days == nil)
        #expect(harness.appliance.configuration.summary.contains { $0.contains("outbox kept until removed by hand") })
    }
}
