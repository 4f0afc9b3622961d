import Foundation
import Testing
@testable import VTJDrop
import VTJCore

/// One receipt path for every refusal and result (issue 14, item 3).
@Suite struct ReceiptDeliveryTests {
    @Test func aReceiptIsPublishedOnceInTheDepartmentsLanguageWithItsListFileFirst() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        let hetus = Henkilotunnus.testValues(count: 60, seed: 3)
        var receipt = Receipt(dropID: "20261207T031500-0a1b", department: "sivistys", file: "luokka 7B.csv",
                              processingDate: appliance.today, notFound: NotFoundList(hetus))
        receipt.counts.notFound = hetus.count
        let name = DropFileName("luokka 7B.csv")
        let paths = try appliance.receipts.deliver(receipt: receipt, for: name)
        #expect(paths.map { ($0 as NSString).lastPathComponent }
            == ["luokka 7B.20261207T031500-0a1b.luettelot.txt", "luokka 7B.20261207T031500-0a1b.kuitti.txt"])
        let text = try harness.read("sivistys", "luokka 7B.20261207T031500-0a1b.kuitti.txt")
        #expect(text.contains("kuitti-versio: 2"))
        #expect(!hetus.contains { text.contains($0) }, "henkilötunnus masked")

        // Delivered again (a restart after the receipt was out, before the journal said so): the
        // files already published are kept, not replaced or duplicated.
        receipt.notes.append(Message(.quarantinedUnknown))
        #expect(try appliance.receipts.deliver(receipt: receipt, for: name) == paths)
        #expect(try harness.read("sivistys", "luokka 7B.20261207T031500-0a1b.kuitti.txt") == text)
        #expect(harness.outbox("sivistys").count == 2)
    }
}

/// A receipt written and fsynced while the result's own fsync runs, published after it (issue 15 goal 4).
@Suite struct PreparedReceiptTests {
    @Test func aPreparedReceiptIsHiddenUntilPublishedAndKeepsOneAlreadyOut() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        var receipt = Receipt(dropID: "20261208T013000-0a1b", department: "sivistys", file: "luokka 7C.csv",
                              processingDate: appliance.today, notFound: NotFoundList([]))
        let name = DropFileName("luokka 7C.csv")
        let prepared = try appliance.receipts.prepare(receipt: receipt, for: name)
        #expect(prepared.pending != nil)
        #expect(harness.outbox("sivistys").isEmpty, "nothing visible before publish")
        let paths = try prepared.publish()
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["luokka 7C.20261208T013000-0a1b.kuitti.txt"])
        let text = try harness.read("sivistys", "luokka 7C.20261208T013000-0a1b.kuitti.txt")
        #expect(text.contains("kuitti-versio: 2"))

        // Prepared again after a crash that left the first one out: the published one is kept.
        receipt.notes.append(Message(.quarantinedUnknown))
        #expect(try appliance.receipts.prepare(receipt: receipt, for: name).publish() == paths)
        #expect(try harness.read("sivistys", "luokka 7C.20261208T013000-0a1b.kuitti.txt") == text)
        #expect(harness.outbox("sivistys").count == 1)
    }

    @Test func aReceiptWithAListFileIsPreparedAsNothingAndPublishesBothInOrder() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let appliance = harness.appliance
        let hetus = Henkilotunnus.testValues(count: 60, seed: 4)
        var receipt = Receipt(dropID: "20261208T013100-0a1b", department: "sivistys", file: "luokka 7D.csv",
                              processingDate: appliance.today, notFound: NotFoundList(hetus))
        receipt.counts.notFound = hetus.count
        let prepared = try appliance.receipts.prepare(receipt: receipt, for: DropFileName("luokka 7D.csv"))
        #expect(prepared.pending == nil)
        #expect(harness.outbox("sivistys").isEmpty)
        #expect(try prepared.publish().map { ($0 as NSString).lastPathComponent }
            == ["luokka 7D.20261208T013100-0a1b.luettelot.txt", "luokka 7D.20261208T013100-0a1b.kuitti.txt"])
    }
}
