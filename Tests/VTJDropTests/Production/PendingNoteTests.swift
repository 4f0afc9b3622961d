import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Issue 12, finding 7: during an outage the file disappeared from the inbox and nothing appeared
/// in the outbox for minutes. A claimed drop that waits gets `<name>.odottaa.txt` in its outbox at
/// once, in plain Finnish, replaced by the result and receipt when they are published.
@Suite(.serialized) struct PendingNoteTests {
    @Test func anOutageAfterTheClaimGivesTheClerkANoteWithinAMinute() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        let runner = harness.runner
        let daemon = Task { await runner.runDaemon() }
        #expect(await eventually(seconds: 60) { sandbox.counters.requests("kirjausavain") >= 1 })
        sandbox.setFaults(SandboxFaults(errorRate: 1.0))
        let dropped = Date()
        try harness.drop("sivistys", "katko.txt", harness.registry.hetus(where: [.resident], limit: 3).joined(separator: "\n"))
        let noted = await eventually(seconds: 60) { harness.outbox("sivistys").contains { $0.hasSuffix(".odottaa.txt") } }
        let after = Date().timeIntervalSince(dropped)
        #expect(noted && after < 60, "a note within a minute (took \(after) s)")
        #expect(harness.inbox("sivistys").isEmpty, "the file was taken")
        let name = try #require(harness.outbox("sivistys").first { $0.hasSuffix(".odottaa.txt") })
        #expect(name.hasPrefix("katko.") && name.count > "katko.odottaa.txt".count, "the receipt's name with .odottaa.txt: \(name)")
        let note = try harness.read("sivistys", name)
        #expect(note.contains("Tiedosto \"katko.txt\" on vastaanotettu, ja se odottaa käsittelyä."))
        #expect(note.contains("Syy: väestötietojärjestelmän rajapinta ei juuri nyt vastaa."))
        #expect(note.range(of: #"seuraava yritys noin \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0[23]:00"#, options: .regularExpression) != nil, "\(note)")
        #expect(note.contains("Tiedostoa ei tarvitse pudottaa uudelleen."))

        sandbox.setFaults(SandboxFaults())
        // The drop's own back-off is 30 s; the probe that reopens the gate retries it at once.
        await runner.replaceGate(InterfaceGate(threshold: 1, backoff: Backoff(first: .milliseconds(200), maximum: .milliseconds(200))))
        await runner.forceRetryNow()
        let published = await eventually(seconds: 60) { harness.outbox("sivistys").contains { $0.hasSuffix(".csv") } }
        runner.requestStop()
        await daemon.value
        #expect(published)
        #expect(!harness.outbox("sivistys").contains { $0.hasSuffix(".odottaa.txt") }, "replaced by the result and receipt: \(harness.outbox("sivistys"))")
    }

    /// A full outbox: the result does not fit, a few lines of note do. When space returns the
    /// result and receipt replace it. (A read-only outbox cannot take a note either; the operator
    /// sees that case in the log and `vtjdrop status`.)
    @Test func aFullOutboxStillGetsANoteWhereOneFits() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outbox = harness.root + "/outbox/sivistys"
        guard FileSystemTrap.mountTmpfs(outbox, kilobytes: 128) else {
            print("PendingNoteTests: no tmpfs mount allowed here; the full-outbox note is not exercised")
            return
        }
        defer { FileSystemTrap.unmount(outbox) }
        try harness.appliance.publisher("sivistys").prepare()
        let filler = try FileSystemTrap.fill(outbox)
        // Leave room for a note (a page), not for a result of 150 persons.
        #expect(truncate(filler, off_t(try FileManager.default.attributesOfItem(atPath: filler)[.size] as? Int ?? 0) - 8192) == 0)
        try harness.drop("sivistys", "iso.txt", harness.registry.hetus(where: [.resident], limit: 150).joined(separator: "\n"))
        let full = await harness.runner.runOnce()
        #expect(full.retrying == 1, "\(full)")
        let files = harness.outbox("sivistys")
        #expect(files.count == 1 && files[0].hasSuffix(".odottaa.txt"), "\(files)")
        #expect(try harness.read("sivistys", files[0]).contains("tulosta ei juuri nyt voida tallentaa tähän kansioon"))
        #expect(unlink(filler) == 0)
        let freed = await harness.runner.runOnce()
        #expect(freed.published == 1, "\(freed)")
        #expect(harness.outbox("sivistys").filter { $0.hasSuffix(".odottaa.txt") }.isEmpty)
        #expect(harness.outbox("sivistys").count == 2)
    }
}

extension ApplianceRunner {
    /// Makes every waiting drop due now (a test need not sit out a 30 s back-off).
    func forceRetryNow() {
        for id in waiting.keys {
            _ = try? appliance.database.journal.record(.failedTransient, for: id, at: appliance.clock.now(),
                                                       update: JournalUpdate(error: "test: due now", nextAttemptAt: appliance.clock.now()))
        }
    }
}
