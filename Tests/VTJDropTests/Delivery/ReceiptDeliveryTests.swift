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
