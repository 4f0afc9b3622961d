import Foundation
import Testing
@testable import VTJDrop
import VTJCore

/// Issue 15 goal 3: the not-found codes are no longer collected but walked from the list when the
/// result and the receipt's list are written. Through the real appliance and sandbox, a list of
/// several messages with repeats: each code not found once, in the order the list first named it,
/// in the result, the receipt and its list file alike.
@Suite(.serialized) struct NotFoundOrderTests {
    @Test func notFoundCodesComeInTheListsOrderEverywhere() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let found = harness.registry.hetus(where: [.resident], limit: 150)
        let unknown = ReceiptLanguageTests.testHetus(2_600).filter { harness.registry.person(hetu: $0) == nil }
        try #require(found.count == 150 && unknown.count > 2_000)
        // Found and unknown interleaved, the unknown in an order that is not the keys' (reversed
        // halves), then repeats of both: three messages of at most 1,000 codes.
        let half = unknown.count / 2
        let asked = Array(unknown[half...].reversed()) + Array(unknown[..<half])
        var lines: [String] = []
        for (index, code) in asked.enumerated() {
            lines.append(code)
            if index % 15 == 0, index / 15 < found.count { lines.append(found[index / 15]) }
        }
        lines += asked.prefix(300).reversed() + found.prefix(20)
        try harness.drop("sivistys", "iso.txt", lines.joined(separator: "\n") + "\n")
        #expect(await harness.runner.runOnce().published == 1)

        let result = try harness.only("sivistys", suffix: ".csv")
        let rows = result.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        let notFoundRows = rows.filter { $0.count > 1 && $0[1] == "ei-loytynyt" }.map { String($0[0]) }
        #expect(notFoundRows == asked, "one row each, in the list's first-seen order")

        let names = harness.outbox("sivistys")
        let receiptName = try #require(names.first { $0.hasSuffix(".kuitti.txt") })
        let receipt = try ReceiptParser.parse(try harness.read("sivistys", receiptName))
        #expect(receipt.first { $0.key == "ei-loytynyt" }?.value == String(asked.count))
        #expect(receipt.filter { $0.key == "ei-loytynyt-hetu" }.map(\.value) == asked.prefix(50).map { Henkilotunnus.mask($0) })
        let lists = try ReceiptParser.parse(try harness.read("sivistys", ReceiptRenderer.listFileName(forReceipt: receiptName)))
        #expect(lists.filter { $0.key == "ei-loytynyt-hetu" }.map(\.value) == asked.map { Henkilotunnus.mask($0) })
    }
}
