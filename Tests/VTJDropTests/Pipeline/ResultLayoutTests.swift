import Foundation
import VTJTestSupport
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJSheet

/// Layouts, carried columns and workbook results through the real daemon and the uncensored
/// sandbox (protected persons' addresses are sent as if the interface had failed to censor):
/// whatever the columns and format, no protected address comes out.
@Suite(.serialized) struct ResultLayoutTests {
    static let departments = """
        departments:
          koulu:
            purposes: [perusopetus]
            groups: [HENKILON_NIMI, SYNTYMAPAIVA, SUKUPUOLI, AIDINKIELI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE,
                     KOTIMAINEN_POSTIOSOITE, TURVAKIELTO, HUOLTAJA, HUOLLETTAVA, VANHEMPI, LAPSI, USKONTOKUNTALAJI]
            readiness: rename
          rakennus:
            purposes: [rakennusvalvonta]
            groups: [HENKILON_NIMI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, KOTIMAINEN_POSTIOSOITE,
                     VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS, TURVAKIELTO, KUOLINPAIVA]
            format: xlsx
            readiness: rename
          oma:
            purposes: [vesihuolto]
            groups: [HENKILON_NIMI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS, TURVAKIELTO]
            columns: [postinumero, katunimi, Sukunimi, asuinpaikka_tunnus, pidatetyt]
            carry_columns: false
            readiness: rename
          kirjasto:
            purposes: [kirjasto]
            groups: [HENKILON_NIMI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, TURVAKIELTO]
            format: xml
            columns: nimi-ja-kotikunta
            readiness: rename
        """

    /// A clerk's class list: class, henkilötunnus, a note; a repeat with its own cells, a wrong
    /// henkilötunnus, a formula in a note.
    static func classList(_ hetus: [String]) -> (text: String, rows: Int) {
        var lines = ["luokka;hetu;huom"]
        for (index, hetu) in hetus.enumerated() { lines.append("7\(index % 3 == 0 ? "A" : "B");\(hetu);nro \(index)") }
        lines.append("9C;\(hetus[0]);toinen rivi")
        lines.append("9D;123456-789X;väärä")
        lines.append("9E;\(hetus[1]);=HYPERLINK(\"http://x\")")
        return (lines.joined(separator: "\r\n") + "\r\n", hetus.count + 3)
    }

    @Test func everyLayoutAndFormatKeepsProtectedAddressesOutAndCarriesTheClerksColumns() async throws {
        let harness = try await PipelineHarness(
            sandbox: SandboxConfiguration(population: 600, seed: 29, uncensored: true), departments: Self.departments)
        defer { Task { await harness.close() } }
        let registry = harness.registry
        let protected = registry.hetus(where: [.turvakielto], limit: 12)
        let pupils = registry.hetus(where: [.minorWithTwoGuardians], excluding: [.turvakielto], limit: 12)
        let adults = registry.hetus(where: [.resident, .adult], excluding: [.turvakielto], limit: 12)
        #expect(protected.count >= 6 && pupils.count >= 6)
        let needles = Set(protected.flatMap { harness.addressNeedles($0) })
        #expect(needles.count >= 6)

        let pupilList = Self.classList(protected + pupils)
        let residentList = Self.classList(protected + adults)
        try harness.drop("koulu", "luokka.csv", pupilList.text)
        try harness.drop("rakennus", "hakijat.csv", residentList.text)
        try harness.drop("oma", "lista.csv", residentList.text)
        try harness.drop("kirjasto", "asiakkaat.csv", residentList.text)
        // A request document choosing its own columns, and one naming a column that does not exist.
        try harness.drop("koulu", "oma.xml", harness.request("perustiedot", hetus: protected + pupils)
            .replacingOccurrences(of: "<pyynto ", with: "<pyynto sarakkeet=\"sukunimi kotikunta, postinumero\" "))
        try harness.drop("koulu", "vaara.xml", harness.request("perustiedot", hetus: pupils)
            .replacingOccurrences(of: "<pyynto ", with: "<pyynto sarakkeet=\"sukunimi postinumro\" "))
        let run = await harness.runner.runOnce()
        #expect(run.published == 5 && run.refused == 1, "\(run)")
        let chosen = try harness.only("koulu", suffix: ".csv", prefix: "oma.")
        #expect(chosen.replacingOccurrences(of: "\u{FEFF}", with: "").hasPrefix("hetu;tila;sukunimi;kotikunta;postinumero\r\n"))
        let refusal = try harness.only("koulu", suffix: ".kuitti.txt", prefix: "vaara.")
        #expect(refusal.contains("sarakkeet-määrite: \"postinumro\" ei ole tulostiedoston sarake eikä valmis sarakejoukko; tarkoititko \"postinumero\"?"), "\(refusal)")

        // The school's default: the pupil list, two guardians, no religion, the class carried.
        let school = try harness.only("koulu", suffix: ".csv", prefix: "luokka.")
        let rows = school.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        let layout = ColumnPreset.oppilaslista.layout(groups: [.henkilonNimi, .syntymapaiva, .sukupuoli, .aidinkieli, .kotikunta,
                                                              .vakinainenKotimainenOsoite, .kotimainenPostiosoite, .turvakielto, .huoltaja])
        #expect(rows[0].map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") } == layout.columns + ["luokka", "huom"])
        #expect(rows.count - 1 == pupilList.rows, "one row per row of the clerk's list")
        #expect(!school.contains("uskontokuntalaji") && !school.contains("huollettava"))
        let firstHetu = protected[0]
        #expect(rows.filter { $0[0] == firstHetu }.map { $0[$0.count - 2] }.sorted() == ["7A", "9C"], "a repeat keeps its own cells")
        #expect(rows.contains { $0[0] == "123456-789X" && $0[1] == "hylatty" && $0[$0.count - 2] == "9D" })
        #expect(school.contains(";\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), "a carried formula is neutralised")
        let pupilRow = try #require(rows.first { $0[0] == pupils[0] })
        #expect(!pupilRow[layout.columns.firstIndex(of: "huoltaja1_hetu")!].isEmpty, "guardians are delivered")

        // The operator's own list, nothing carried.
        let own = try harness.only("oma", suffix: ".csv")
        #expect(own.replacingOccurrences(of: "\u{FEFF}", with: "").hasPrefix("hetu;tila;postinumero;katunimi;sukunimi;asuinpaikka_tunnus;pidatetyt\r\n"))
        #expect(!own.contains("nro 1"))

        // XML narrowed to the named layout's groups: names and home municipality only.
        let xml = try harness.only("kirjasto", suffix: ".xml")
        #expect(xml.contains("KOTIKUNTA") && !xml.contains("VAKINAINEN_KOTIMAINEN_OSOITE"))

        // The workbook, read back by openpyxl: every cell text, codes kept as text.
        let workbook = try #require(harness.outbox("rakennus").first { $0.hasSuffix(".xlsx") })
        let sheet = try await Tools.openpyxlRead(harness.root + "/outbox/rakennus/" + workbook)
        let header = sheet.rows[0].map { $0?.value ?? "" }
        #expect(header == ColumnPreset.osoitelista.layout(groups: [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite,
                                                                  .kotimainenPostiosoite, .vakinainenKotimainenAsuinpaikkatunnus,
                                                                  .turvakielto, .kuolinpaiva]).columns + ["luokka", "huom"])
        #expect(sheet.rows.count - 1 == residentList.rows)
        #expect(sheet.freeze == "A2" && sheet.filter != nil)
        let postcode = try #require(header.firstIndex(of: "postinumero"))
        let codes = sheet.rows.dropFirst().compactMap { $0.count > postcode ? $0[postcode] : nil }
        #expect(!codes.isEmpty && codes.allSatisfy { $0.type == "s" && $0.value.count == 5 }, "postcodes are text, zeros kept")
        let cells = sheet.rows.flatMap { $0.compactMap { $0?.value } }.joined(separator: "\n")
        #expect(cells.contains("=HYPERLINK(\"http://x\")"), "a text cell holds the formula as text")

        LeakCheckTests.expectNoLeak(of: needles, in: [
            ("outbox files", harness.allText(under: harness.root + "/outbox")), ("workbook cells", cells),
        ])
        let ordinaryStreets = adults.prefix(6).flatMap { harness.addressNeedles($0) }
        #expect(ordinaryStreets.contains { cells.contains($0) }, "the workbook carries ordinary addresses")
    }
}
