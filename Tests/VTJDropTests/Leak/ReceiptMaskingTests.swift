import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// Receipts promise no full henkilötunnus and no path of the appliance's own (docs/receipts.md):
/// hostile testing found both, in quoted values and in the interface's error text.
@Suite(.serialized) struct ReceiptMaskingTests {
    @Test func noReceiptQuotesAFullHetuOrAStatePath() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let asked = harness.registry.hetus(where: [.resident], limit: 3)
        // Codes put where departments and interfaces put them; one lower-case, one with a wrong check character.
        let planted = ["010594Y9032", "020594X903P", "010516B903X", "030516D9037", "020275-9862", "040594V9031", "010594y9032"]
        try harness.drop("kirjasto", "viite.xml", harness.request("perustiedot", purpose: "kirjasto", hetus: asked,
                                                                  reference: "asiakas 010594Y9032 / 040594V9031"))
        try harness.drop("kirjasto", "tarkoitus.xml", harness.request("perustiedot", purpose: "hetu-020594X903P", hetus: asked))
        try harness.drop("kirjasto", "toiminto.xml", harness.request("perustiedot-010516B903X", hetus: asked))
        try harness.drop("kirjasto", "ryhma.xml", harness.request("perustiedot", purpose: "kirjasto",
                                                                  groups: ["HENKILON_NIMI", "030516D9037"], hetus: asked))
        try harness.drop("sivistys", "020275-9862 luokka.txt", asked.joined(separator: "\n") + "\n010594y9032\n")
        #expect(await harness.runner.runOnce().published + 0 >= 3)

        // An interface whose error text quotes the request: the next basic-data call is refused with it.
        harness.sandbox!.updateFaults { $0.rejectQuotingNext = 1 }
        try harness.drop("vesihuolto", "lainaus.txt", asked.joined(separator: "\n"))
        _ = await harness.runner.runOnce()
        #expect(harness.sandbox!.counters.faults["rejectQuoting", default: 0] == 1)

        var receipts: [String: String] = [:]
        for department in ["kirjasto", "sivistys", "vesihuolto"] {
            for name in harness.outbox(department) where name.hasSuffix(".kuitti.txt") {
                receipts[department + "/" + name] = try harness.read(department, name)
            }
        }
        #expect(receipts.count == 6, "every drop answered: \(receipts.keys.sorted())")
        let quoting = try #require(receipts.first { $0.key.hasPrefix("vesihuolto/") }?.value)
        #expect(quoting.contains("tulos: hylatty") && quoting.contains("ei kelpaa"), "the interface's text is quoted: \(quoting)")
        for (name, text) in receipts {
            for code in planted + asked + asked.map({ $0.lowercased() }) {
                #expect(!text.contains(code), "\(name) quotes \(Henkilotunnus.mask(code)) in full")
            }
            #expect(!text.contains(harness.root), "\(name) shows a path of the appliance")
            _ = try ReceiptParser.parse(text)
        }
        #expect(receipts.values.contains { $0.contains("tunniste: asiakas 010594Y***2 / 040594V***1") })
        #expect(receipts.values.contains { $0.contains("tiedosto: 020275-***2 luokka.txt") })
    }
}
