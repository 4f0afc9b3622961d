import Foundation
import Synchronization
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// A heavy drop in one department must not keep another department's drop unclaimed (issue 13:
/// a 150,000-attribute request kept a 3-hetu list in another department waiting 46 s, because the
/// daemon read and walked a batch before it scanned again).
@Suite(.serialized) struct DepartmentFairnessTests {
    /// The heavy drop's walk is held in flight (before its read) until the light drop is published:
    /// a daemon that waited for a walk before scanning again would never serve the light drop, so
    /// the outcome no longer depends on how long the parse takes on a loaded machine.
    @Test func aHeavyRequestInOneDepartmentDoesNotDelayAnothersDrop() async throws {
        let harness = try await PipelineHarness(settings: ["watch": "inotify", "scan_interval": "0.2"])
        defer { Task { await harness.close() } }
        let journal = harness.appliance.database.journal
        let hetu = harness.registry.hetus(where: [.resident], limit: 2)
        // A heavy request the bounds accept: 200,000 elements (1.4 MB), read to the end (seconds in a debug build).
        let heavy = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pyynto toiminto=\"perustiedot\" kayttotarkoitus=\"kirjasto\">\n<hetulista>\n"
            + String(repeating: "<hetu/>", count: 200_000) + "<hetu>\(hetu[0])</hetu>\n</hetulista>\n</pyynto>\n"
        let gate = HeldWalks()
        harness.appliance.readHold = { file in if file.department == "kirjasto" { await gate.hold() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        try harness.drop("kirjasto", "raskas.xml", heavy)
        #expect(await eventually(seconds: 60) { gate.held == 1 }, "the heavy drop's walk started")
        try harness.drop("sivistys", "kevyt.txt", hetu[1])
        let light = await eventually(seconds: 120) { harness.outbox("sivistys").count == 2 }
        #expect(light, "the light drop was served while the heavy one was in flight")
        #expect(!harness.outbox("kirjasto").contains { $0.hasSuffix(".kuitti.txt") })
        gate.release()
        let heavyDone = await eventually(seconds: 120) { harness.outbox("kirjasto").contains { $0.hasSuffix(".kuitti.txt") } }
        runner.requestStop()
        await daemon.value
        #expect(heavyDone)
        let heavyEntry = try #require(try journal.recent(department: "kirjasto").first)
        let lightEntry = try #require(try journal.recent(department: "sivistys").first)
        let heavyRead = try #require(try journal.history(heavyEntry.dropID).first { $0.state == .read || $0.state == .refused }?.at)
        // The light drop was claimed and finished while the heavy one had not been read yet.
        #expect(lightEntry.claimedAt <= heavyRead, "the light drop waited for the heavy one's parse")
        #expect(lightEntry.finishedAt.map { $0 <= heavyRead } == true)
    }
}

extension DepartmentFairnessTests {
    /// Two departments' large drops hold both workers, and each blocks its thread (as a walk waiting
    /// for the database's writer or an fsync does): a third department's short list is still
    /// claimed, walked and answered. Before, the two blocked walks held both cooperative threads
    /// (two on a two-core machine) and the daemon loop with them, and the short list waited for a
    /// worker anyway (issue 15 goal 4: `DropThread`, `DropScheduler`).
    @Test func twoBlockedLargeDropsDoNotHoldAThirdDepartmentsShortList() async throws {
        let harness = try await PipelineHarness(settings: ["watch": "inotify", "scan_interval": "0.2"])
        defer { Task { await harness.close() } }
        let journal = harness.appliance.database.journal
        let hetu = harness.registry.hetus(where: [.resident], limit: 3)
        let blocked = BlockedWalks()
        harness.appliance.readHold = { file in if file.department != "sivistys" { blocked.hold() } }
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        // Request documents are never small (one may ask for a whole municipality).
        try harness.drop("kirjasto", "suuri.xml", Self.document(purpose: "kirjasto", hetu[0]))
        try harness.drop("vesihuolto", "suuri.xml", Self.document(purpose: "vesihuolto", hetu[1]))
        #expect(await eventually(seconds: 60) { blocked.held == 2 }, "both large drops' walks started and block")
        try harness.drop("sivistys", "lyhyt.txt", hetu[2])
        let light = await eventually(seconds: 120) { harness.outbox("sivistys").count == 2 }
        blocked.release()
        #expect(light, "the short list was answered while two large drops blocked their threads")
        let largeDone = await eventually(seconds: 120) {
            harness.outbox("kirjasto").contains { $0.hasSuffix(".kuitti.txt") }
                && harness.outbox("vesihuolto").contains { $0.hasSuffix(".kuitti.txt") }
        }
        runner.requestStop()
        await daemon.value
        #expect(largeDone)
        let lightEntry = try #require(try journal.recent(department: "sivistys").first)
        #expect(lightEntry.state == .archived)
        // Published (its receipt out) before either large drop was read; archived may come later.
        let published = try #require(try journal.history(lightEntry.dropID).first { $0.state == .published }?.at)
        for department in ["kirjasto", "vesihuolto"] {
            let large = try #require(try journal.recent(department: department).first)
            let read = try #require(try journal.history(large.dropID).first { $0.state == .read }?.at)
            #expect(published <= read, "the short list was answered before \(department)'s drop was read")
        }
    }

    static func document(purpose: String, _ hetu: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pyynto toiminto=\"perustiedot\" kayttotarkoitus=\"\(purpose)\">\n"
            + "<hetulista>\n<hetu>\(hetu)</hetu>\n</hetulista>\n</pyynto>\n"
    }
}

/// Walks that block their thread until the test releases them (bounded at two minutes, so that a
/// regression fails instead of hanging).
final class BlockedWalks: Sendable {
    private let state = Mutex<(held: Int, released: Bool)>((0, false))
    private let gate = DispatchSemaphore(value: 0)

    var held: Int { state.withLock { $0.held } }

    func hold() {
        let go = state.withLock { state -> Bool in
            state.held += 1
            return state.released
        }
        if !go { _ = gate.wait(timeout: .now() + 120) }
    }

    func release() {
        let waiting = state.withLock { state -> Int in
            state.released = true
            return state.held
        }
        for _ in 0..<max(waiting, 8) { gate.signal() }
    }
}

/// Walks held until the test releases them.
final class HeldWalks: Sendable {
    private let state = Mutex<(held: Int, released: Bool, waiters: [CheckedContinuation<Void, Never>])>((0, false, []))

    /// How many walks reached the hold.
    var held: Int { state.withLock { $0.held } }

    /// Waits until ``release()`` (at once after it).
    func hold() async {
        await withCheckedContinuation { continuation in
            let go = state.withLock { state -> Bool in
                state.held += 1
                if state.released { return true }
                state.waiters.append(continuation)
                return false
            }
            if go { continuation.resume() }
        }
    }

    /// Lets every held walk go on.
    func release() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.released = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
