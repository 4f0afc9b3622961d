import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// Schedule, retention, hostile inbox entries and department isolation, with an injected clock.
@Suite(.serialized) struct RuntimeRulesTests {
    /// 2026-11-26 04:00 UTC = 06:00 in Helsinki (EET, UTC+2).
    static let sixAMHelsinki = Date(timeIntervalSince1970: 1_795_665_600)

    /// At 05:00 Helsinki, two customers of `vesihuolto` followed, and a runner with a 06:00 slot.
    private func followedCustomers() async throws -> (ManualWallClock, PipelineHarness, [String], ApplianceRunner) {
        let clock = ManualWallClock(Self.sixAMHelsinki.addingTimeInterval(-3600))  // 05:00 Helsinki
        let harness = try await PipelineHarness(clock: clock)
        // The harness says "never"; these tests need a slot: rebuild the runner's view of the schedule.
        let customers = harness.registry.hetus(where: [.resident, .adult], excluding: [.turvakielto], limit: 2)
        try harness.drop("vesihuolto", "seuranta.xml", harness.request("seuranta-lisaa", hetus: customers))
        #expect(await harness.runner.runOnce().published == 1)
        return (clock, harness, customers, try await PipelineHarness.withSchedule(["06:00"], harness: harness, clock: clock))
    }

    @Test func scheduledChangeFetchRunsAtItsSlotInFinnishTime() async throws {
        let (clock, harness, customers, scheduled) = try await followedCustomers()
        defer { Task { await harness.close() } }

        await scheduled.runSchedule()  // 05:00: sets the baseline, nothing owed
        #expect(!harness.outbox("vesihuolto").contains { $0.hasPrefix("ajastettu-muutokset") })
        _ = harness.registry.advance(days: 1)
        _ = harness.registry.apply(.moveWithin, hetu: customers[0])
        clock.advance(seconds: 3600 + 60)  // 06:01 Helsinki
        await scheduled.runSchedule()
        let delivered = harness.outbox("vesihuolto").filter { $0.hasPrefix("ajastettu-muutokset") }
        #expect(delivered.count == 2, "\(delivered)")  // result and receipt
        #expect(try harness.only("vesihuolto", suffix: ".csv", prefix: "ajastettu-muutokset").contains(customers[0]))
        await scheduled.runSchedule()  // the same slot never runs twice
        #expect(harness.outbox("vesihuolto").filter { $0.hasPrefix("ajastettu-muutokset") }.count == 2)
    }

    /// Issue 14, item 4: planned in memory, never through a file in an inbox; a crash between the
    /// plan and the result neither loses the fetch nor makes it twice.
    @Test func aScheduledFetchIsPlannedInMemoryAndACrashBeforeItsResultResumesItOnce() async throws {
        let (clock, harness, customers, scheduled) = try await followedCustomers()
        defer { Task { await harness.close() } }
        #expect(await scheduled.dueScheduledDrops().isEmpty)  // 05:00: the baseline
        _ = harness.registry.advance(days: 1)
        _ = harness.registry.apply(.moveWithin, hetu: customers[0])
        clock.advance(seconds: 3600 + 60)  // 06:01 Helsinki

        // Planned, then "killed" before the walk: only the claim note records the fetch.
        let planned = await scheduled.dueScheduledDrops()
        let fetch = try #require(planned.first)
        #expect(planned.count == 1 && fetch.planned == .muutokset)
        let folder = try FileManager.default.contentsOfDirectory(atPath: fetch.folder)
        #expect(folder == [".claim"], "the plan is the note; no request document is written: \(folder)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.root + "/inbox/vesihuolto").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: harness.root + "/state/scheduled"))
        #expect(await scheduled.dueScheduledDrops().isEmpty, "the slot was recorded before the plan: never planned twice")

        // The next start finds the plan and walks it once; the receipt is a scheduled one.
        let restarted = try await PipelineHarness.withSchedule(["06:00"], harness: harness, clock: clock)
        let resumed = await restarted.recover()
        #expect(resumed.map(\.id) == [fetch.id] && resumed.first?.planned == .muutokset)
        #expect(await restarted.process(resumed).published == 1)
        #expect(await restarted.recover().isEmpty)
        let delivered = harness.outbox("vesihuolto").filter { $0.hasPrefix("ajastettu-muutokset.\(fetch.id.value)") }
        #expect(delivered.count == 2, "\(delivered)")  // result and receipt
        #expect(try harness.only("vesihuolto", suffix: ".csv", prefix: "ajastettu-muutokset").contains(customers[0]))
        let receipt = try harness.only("vesihuolto", suffix: ".kuitti.txt", prefix: "ajastettu-muutokset")
        #expect(receipt.contains("tunniste: ajastettu") && receipt.contains("toiminto: muutokset"))
        #expect((try harness.appliance.database.journal.entry(fetch.id.value))?.state == .archived)
    }

    @Test func retentionDeletesArchivedInputsOnScheduleAndLogsIt() async throws {
        let clock = ManualWallClock(Self.sixAMHelsinki)
        let harness = try await PipelineHarness(clock: clock)
        defer { Task { await harness.close() } }
        try harness.drop("sivistys", "vanha.txt", harness.registry.hetus(where: [.resident], limit: 1)[0])
        #expect(await harness.runner.runOnce().published == 1)
        let archive = harness.root + "/state/archive"
        func archived() -> [String] { (FileManager.default.enumerator(atPath: archive)?.allObjects as? [String]) ?? [] }
        #expect(archived().contains { $0.hasSuffix("vanha.txt") })

        clock.advance(seconds: 29 * 86_400)
        await harness.runner.runRetention(force: true)
        #expect(archived().contains { $0.hasSuffix("vanha.txt") }, "kept within the 30 days")
        clock.advance(seconds: 2 * 86_400)
        await harness.runner.runRetention(force: true)
        #expect(!archived().contains { $0.hasSuffix("vanha.txt") }, "deleted after 30 days")
        let deletions = try harness.appliance.database.journal.retentionDeletions()
        #expect(deletions.count == 1)
        #expect(deletions.first?.department == "sivistys")
    }

    @Test func symlinkToPasswdAndFifoAreNeverRead() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let folder = harness.root + "/inbox/sivistys"
        #expect(symlink("/etc/passwd", folder + "/passwd.txt") == 0)
        #expect(mkfifo(folder + "/putki.txt", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: folder + "/kansio.txt", withIntermediateDirectories: false)
        let summary = await harness.runner.runOnce(maximumWait: .seconds(2))
        #expect(summary.published == 0 && summary.refused == 0)
        // Each gets an error receipt and goes to quarantine unopened: the link itself, not its
        // target, and nothing of /etc/passwd anywhere (docs/operations.md, "Hostile inbox entries").
        #expect(harness.outbox("sivistys").count == 3 && harness.outbox("sivistys").allSatisfy { $0.hasSuffix(".kuitti.txt") })
        #expect(harness.inbox("sivistys").isEmpty)
        #expect(harness.quarantined().filter { harness.quarantinedKind($0) == S_IFLNK }.count == 1)
        #expect(!harness.everyOutputByte().contains("root:x:0:0"))
    }

    @Test func resultsGoOnlyToTheDroppingDepartment() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let a = harness.registry.hetus(where: [.resident], limit: 4)
        try harness.drop("sivistys", "oma.txt", a[0] + "\n" + a[1])
        try harness.drop("kirjasto", "oma.xml", harness.request("perustiedot", hetus: [a[2], a[3]]))
        try FileManager.default.createDirectory(atPath: harness.root + "/inbox/tuntematon", withIntermediateDirectories: true)
        try "\(a[0])\n".write(toFile: harness.root + "/inbox/tuntematon/lista.txt", atomically: true, encoding: .utf8)
        #expect(await harness.runner.runOnce().published == 2)
        // Relatives may appear inside each other's records; what matters is whose rows go where.
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").dropFirst().map { String($0.prefix(11)) }
        #expect(Set(rows) == [a[0], a[1]])
        let xml = try harness.only("kirjasto", suffix: ".xml")
        #expect(xml.contains("henkilotunnus=\"\(a[2])\"") && xml.contains("henkilotunnus=\"\(a[3])\""))
        #expect(!xml.contains("henkilotunnus=\"\(a[0])\"") && !xml.contains("henkilotunnus=\"\(a[1])\""))
        #expect(harness.outbox("sivistys").allSatisfy { $0.hasPrefix("oma.") })
        #expect(harness.outbox("kirjasto").allSatisfy { $0.hasPrefix("oma.") })
        #expect(!FileManager.default.fileExists(atPath: harness.root + "/outbox/tuntematon"))
        #expect(FileManager.default.fileExists(atPath: harness.root + "/inbox/tuntematon/lista.txt"), "unconfigured folders are left alone")
    }
}

extension PipelineHarness {
    /// A second runner over the same appliance whose configuration has a daily schedule.
    static func withSchedule(_ times: [String], harness: PipelineHarness, clock: any WallClock) async throws -> ApplianceRunner {
        var configuration = harness.appliance.configuration
        configuration.changeSchedule = DailySchedule(times: times.compactMap { LocalTime($0) })
        let appliance = try Appliance(configuration: configuration, database: harness.appliance.database,
                                      client: harness.appliance.client, clock: clock, logger: harness.appliance.logger)
        return try ApplianceRunner(appliance: appliance)
    }
}

extension ApplianceRunner {
    /// Serves the daily change-fetch schedule at once, as the daemon's loop would dispatch what
    /// ``dueScheduledDrops()`` plans.
    func runSchedule() async {
        _ = await process(dueScheduledDrops())
    }
}
