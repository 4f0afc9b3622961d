import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// A full disk and a read-only outbox: nothing is lost (the drops wait claimed, journaled
/// failed-transient), nothing half-written or temporary is left, other departments keep being
/// served, and each drop is published exactly once when space or writability returns.
///
/// Each case runs twice: on a real small tmpfs / read-only mount where the kernel lets the test
/// mount (root here), and always with the error injected at the publisher's write boundary
/// (what a machine without mount rights runs; `VTJDROP_TEST_NO_MOUNT=1` forces it).
@Suite struct FileSystemOutboxTests {
    enum Simulation: String, CaseIterable, CustomTestStringConvertible {
        case real, injected
        var testDescription: String { rawValue }
    }

    /// Five drops for the broken outbox (more than the interface gate's threshold of failures in a
    /// row), one for a healthy department claimed after them; then the fault clears.
    private let drops = 5

    private func exercise(_ harness: PipelineHarness, fault: String, clear: () throws -> Void) async throws {
        let hetus = harness.registry.hetus(where: [.resident], limit: 80)
        for index in 0..<drops {
            try harness.drop("sivistys", "lista-\(index).txt", hetus[(index * 10)..<(index * 10 + 10)].joined(separator: "\n"))
        }
        try harness.drop("vesihuolto", "muu.txt", hetus[70..<72].joined(separator: "\n"))

        let failing = try #require(await harness.runOnceBounded(), "\(fault): run --once must return")
        #expect(failing.retrying == drops, "\(fault): \(failing)")
        #expect(harness.outbox("sivistys").isEmpty, "\(fault): nothing half-written is visible")
        #expect(harness.temporaryFiles("sivistys").isEmpty, "\(fault): no temp file left: \(harness.temporaryFiles("sivistys"))")
        #expect(harness.outbox("vesihuolto").count == 2, "\(fault): the healthy department is served meanwhile")
        #expect(harness.inbox("sivistys").isEmpty, "\(fault): the drops are claimed, not left in the inbox")
        let work = (try? FileManager.default.contentsOfDirectory(atPath: harness.root + "/state/claims/sivistys/work")) ?? []
        #expect(work.count == drops, "\(fault): each drop waits in its work folder")
        for id in work {
            #expect(try harness.appliance.database.journal.entry(id)?.state == .failedTransient, "\(fault): \(id)")
        }

        try clear()
        let recovered = try #require(await harness.runOnceBounded())
        #expect(recovered.published == drops, "\(fault): \(recovered)")
        let again = try #require(await harness.runOnceBounded())
        #expect(again.published == 0 && again.retrying == 0)
        let files = harness.outbox("sivistys")
        for index in 0..<drops {
            let mine = files.filter { $0.hasPrefix("lista-\(index).") }
            #expect(mine.filter { $0.hasSuffix(".csv") }.count == 1 && mine.filter { $0.hasSuffix(".kuitti.txt") }.count == 1,
                    "\(fault): exactly one result and one receipt for drop \(index): \(mine)")
            let csv = try harness.only("sivistys", suffix: ".csv", prefix: "lista-\(index).")
            #expect(csv.split(separator: "\r\n").count == 11, "\(fault): every row once")
        }
        #expect(files.count == drops * 2)
        #expect(harness.temporaryFiles("sivistys").isEmpty)
        for id in work { #expect(try harness.appliance.database.journal.entry(id)?.state == .archived) }
    }

    @Test(arguments: Simulation.allCases)
    func fullDiskLosesNothingAndPublishesOnceSpaceReturns(_ simulation: Simulation) async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outbox = harness.root + "/outbox/sivistys"
        let mounted = simulation == .real && FileSystemTrap.mountTmpfs(outbox, kilobytes: 256)
        defer { if mounted { FileSystemTrap.unmount(outbox) } }
        defer { DeliveryFaultInjection.clear(outbox) }
        var filler: String?
        if mounted {
            try harness.appliance.publisher("sivistys").prepare()
            filler = try FileSystemTrap.fill(outbox)
        } else {
            DeliveryFaultInjection.inject(ENOSPC, at: .write, folder: outbox)
        }
        let how = mounted ? "full 256 KiB tmpfs" : "injected ENOSPC at the write boundary"
        print("FileSystemOutboxTests: full disk (\(simulation.rawValue)) simulated with: \(how)")
        try await exercise(harness, fault: how) {
            if let filler { #expect(unlink(filler) == 0) } else { DeliveryFaultInjection.clear(outbox) }
        }
    }

    @Test(arguments: Simulation.allCases)
    func readOnlyOutboxLosesNothingAndPublishesOnceWritable(_ simulation: Simulation) async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let outbox = harness.root + "/outbox/sivistys"
        let temporary = outbox + "/" + Publisher.temporaryFolderName
        let mounted = simulation == .real && FileSystemTrap.mountReadOnly(outbox)
        defer { if mounted { FileSystemTrap.unmount(outbox) } }
        let immutable = simulation == .real && !mounted && FileSystemTrap.makeImmutable(temporary)
        defer { if immutable { FileSystemTrap.makeMutable(temporary) } }
        defer { DeliveryFaultInjection.clear(outbox) }
        if !mounted && !immutable { DeliveryFaultInjection.inject(EROFS, at: .create, folder: outbox) }
        let how = mounted ? "read-only bind mount" : immutable ? "chattr +i on the temp folder" : "injected EROFS at the create boundary"
        print("FileSystemOutboxTests: read-only outbox (\(simulation.rawValue)) simulated with: \(how)")
        try await exercise(harness, fault: how) {
            if mounted { #expect(FileSystemTrap.unmount(outbox)) }
            if immutable { #expect(FileSystemTrap.makeMutable(temporary)) }
            DeliveryFaultInjection.clear(outbox)
        }
    }
}
