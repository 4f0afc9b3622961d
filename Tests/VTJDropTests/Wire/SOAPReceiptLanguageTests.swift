import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The SOAP wire's own receipt texts (refusal of operations it cannot serve, groups it does not
/// deliver, persons answered without data) in a Swedish department's receipt: from the catalogue,
/// not a word of English, the machine keys unchanged.
@Suite(.serialized) struct SOAPReceiptLanguageTests {
    static let departments = PipelineHarness.departmentsYAML
        .replacingOccurrences(of: "  sivistys:\n", with: "  sivistys:\n    language: sv\n")
        .replacingOccurrences(of: "  vesihuolto:\n", with: "  vesihuolto:\n    language: sv\n")

    @Test func aSwedishDepartmentReadsTheSOAPWiresTextsInSwedish() async throws {
        let harness = try await PipelineHarness(wire: .soap, departments: Self.departments, vtj: ["parallelism": "1"])
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        try harness.drop("vesihuolto", "muutokset.xml", harness.request("muutokset"))
        let minors = harness.registry.hetus(where: [.minorWithTwoGuardians], excluding: [.turvakielto], limit: 3)
        sandbox.setSOAPFaults(SandboxSOAPFaults(returnCode: "0019", returnCodeNext: 1))
        try harness.drop("sivistys", "klass.txt", minors.joined(separator: "\n"))
        let summary = await harness.runner.runOnce()
        #expect(summary.refused == 1 && summary.published == 1, "\(summary)")

        let refusal = try harness.only("vesihuolto", suffix: ".kuitti.txt")
        #expect(refusal.contains("\r\nkieli: sv\r\n") && refusal.contains("\r\nsyykoodi: toiminto-ei-rajapinnassa\r\n"), "\(refusal)")
        #expect(refusal.contains("funktionen muutokset kan inte betjänas"), "\(refusal)")
        #expect(refusal.contains("förfrågningsgränssnittet ger bara aktuella uppgifter om en person i taget"), "\(refusal)")
        #expect(refusal.contains("vtj.wire: xml eller json") && refusal.contains("ingenting skickades till befolkningsdatasystemet"), "\(refusal)")

        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.contains("# Detta gränssnitt levererar inte datagrupperna "), "\(receipt)")
        #expect(receipt.contains("(vtj.wire soap, soap_product PERUSSANOMA 3): en tom kolumn betyder inte att personen saknar uppgiften."))
        #expect(receipt.contains("# Gränssnittet lämnade inte ut uppgifterna om 1 person; "), "\(receipt)")
        #expect(receipt.contains("\r\ntietoryhma-ei-toimitettu[HUOLTAJA]: ei-rajapinnassa\r\n"))
        #expect(receipt.contains("\r\nei-toimitettu: 1\r\n"))
        #expect(receipt.split(separator: "\r\n").contains { $0.hasPrefix("ei-toimitettu-hetu: ") && $0.hasSuffix("| ei-luovutettu | 0019 Tietoja ei voida luovuttaa") })

        for text in [refusal, receipt] {
            for word in ReceiptLanguageTests.englishWords + ["Not delivered", "interface", "nothing was sent", "answered without"] {
                #expect(!text.contains(word), "English '\(word)' in:\n\(text)")
            }
        }
    }
}
