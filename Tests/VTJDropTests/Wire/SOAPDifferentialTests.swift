import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The same population asked the same henkilötunnus over the XML profile and over the SOAP query
/// interface: every result row must be the same in every column the SOAP product carries. What may
/// differ is exactly what the contract says (vtj-soap-kysely.md §10): groups the product lacks,
/// fields marked "—", the street line that comes joined, and a ban flag the SOAP answer states
/// as "no ban" where the profile leaves the group out.
@Suite(.serialized) struct SOAPDifferentialTests {
    /// One result, as rows keyed by henkilötunnus, each a column → value map.
    struct Table {
        var header: [String] = []
        var rows: [String: [String: String]] = [:]
    }

    static func table(_ csv: String) -> Table {
        let lines = SOAPPipelineTests.rows(csv).filter { !$0.isEmpty && $0 != [""] }
        guard let header = lines.first else { return Table() }
        var table = Table(header: header)
        for line in lines.dropFirst() {
            table.rows[line[0]] = Dictionary(zip(header, line).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
        return table
    }

    static func run(wire: WireKind, product: String, uncensored: Bool) async throws -> (Table, [String]) {
        let harness = try await PipelineHarness(
            sandbox: SandboxConfiguration(population: 500, seed: 31, uncensored: uncensored), wire: wire, soapProduct: product)
        defer { Task { await harness.close() } }
        let registry = harness.registry
        let protected = registry.hetus(where: [.turvakielto], limit: 10)
        let minors = registry.hetus(where: [.minorWithTwoGuardians], excluding: [.turvakielto], limit: 15)
        let adults = registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 40)
        let asked = protected + minors + adults + ["010594Y9032"]
        try harness.drop("sivistys", "luokka.txt", asked.joined(separator: "\r\n") + "\r\n")
        #expect(await harness.runner.runOnce().published == 1)
        return (table(try harness.only("sivistys", suffix: ".csv")), asked)
    }

    /// Each product column's group and wire field (the renderer's own layout).
    static let columns: [String: (group: GroupName, field: String)] = {
        var index: [String: (GroupName, String)] = [:]
        for group in GroupName.productGroupsInOrder {
            guard let layout = CSVGroupLayout.layout(of: group) else { continue }
            // A stub's column names its sub-field (`huoltaja`/`henkilotunnus` → henkilotunnus).
            let fields = layout.columns.map { $0.path.last ?? "" }
            for (offset, name) in layout.columnNames.enumerated() {
                index[name] = (group, fields[offset % layout.columns.count])
            }
        }
        return index
    }()

    /// Groups no product on this wire carries (§10's "not available" list), and guardian groups by product.
    static func groupNotOnSOAP(_ group: GroupName, product: String) -> Bool {
        let carried: Set<GroupName> = product == "PERUSSANOMA 3" ? [] : [.huoltaja]
        let guardianGroups: Set<GroupName> = [.huoltaja, .huollettava, .lapsi]
        return notAvailable.contains(group) || (guardianGroups.contains(group) && !carried.contains(group))
    }

    /// §10 "Not available on this wire", written out from the contract (not from the code under test).
    static let notAvailable: Set<GroupName> = [
        .syntymakotikunta, .siviilisaaty, .edellinenKotikunta, .vuodenvaihteenKunta, .edellinenKotimainenAsuinpaikkatunnus,
        .vakinainenOlinpaikassaAsuminen, .entinenOlinpaikassaAsuminen, .entinenUlkomaillaAsuminen, .poissaolo,
        .suomeenMuuttopaiva, .valtioJohonMuuttanut, .valtioJostaMuuttanut, .vanhempi, .avioliitto, .rekisteroityParisuhde,
        .asumusero, .uskontokuntalaji,
    ]

    /// Fields §10 marks "—" (no SOAP source), by group.
    static let fieldsNotOnSOAP: [GroupName: Set<String>] = [
        .henkilonNimi: ["alkupv"],
        .aidinkieli: ["kielikoodiISO6392", "alkupv", "loppupv"],
        .kansalaisuus: ["voimassaolo", "menetyspv"],
        // The joined street form: number, staircase and apartment are inside `katunimi`.
        .vakinainenKotimainenOsoite: ["kuntakoodi", "rakennustunnus", "osoitenumero", "katunumero", "huoneistokirjain",
                                      "huoneistonumero", "jakokirjain"],
        .vakinainenKotimainenAsuinpaikkatunnus: ["rakennustunnus", "osoitenumero", "huoneistokirjain", "huoneistonumero",
                                                 "jakokirjain", "kuntakoodi", "alkupv", "loppupv"],
        // A relation's stub carries hetu, names and birth date only; the custody fields have no source.
        .huoltaja: ["sukupuoli", "huoltajanLaji", "huoltajanRooli", "huoltosuhteenAlkupv", "huoltosuhteenLoppupv"],
    ]

    /// Whether `column` may differ between the wires for this row, and why not when it may not.
    static func allowedDifference(_ column: String, xml: [String: String], soap: [String: String], product: String) -> Bool {
        let left = xml[column] ?? "", right = soap[column] ?? ""
        if column == "pidatetyt" {  // rules about groups the wire does not carry cannot fire there
            func carried(_ text: String) -> [Substring] {
                text.split(separator: " ").filter { entry in
                    let name = entry.prefix { $0 != "=" }
                    return !groupNotOnSOAP(GroupName(rawValue: String(name)), product: product)
                }
            }
            return carried(left) == carried(right)
        }
        guard let (group, field) = columns[column] else { return false }
        if groupNotOnSOAP(group, product: product) || fieldsNotOnSOAP[group]?.contains(field) == true { return true }
        if group == .vakinainenKotimainenOsoite, field == "katunimi" {  // the whole street line (§10)
            let apartment = String((xml["huoneistonumero"] ?? "").drop { $0 == "0" }) + (xml["jakokirjain"] ?? "")
            let parts = [left, xml["katunumero"] ?? "", xml["huoneistokirjain"] ?? "", apartment].filter { !$0.isEmpty }
            return right == parts.joined(separator: " ")
        }
        // §10: TURVAKIELTO is made whenever the element is present, even empty (= no ban); the
        // profile leaves the group out for a person without a ban.
        if group == .turvakielto, field == "turvakieltoAktiivinen" { return left.isEmpty && right == "false" }
        return false
    }

    @Test(arguments: ["PERUSSANOMA 3", "HUOLLETTAVA-HUOLTAJAT"], [true, false])
    func xmlAndSOAPGiveTheSameRowsForWhatBothCarry(product: String, uncensored: Bool) async throws {
        let (xml, asked) = try await Self.run(wire: .xml, product: product, uncensored: uncensored)
        let (soap, _) = try await Self.run(wire: .soap, product: product, uncensored: uncensored)
        #expect(soap.header == xml.header, "the department's layout does not depend on the wire")
        #expect(Set(xml.rows.keys) == Set(asked) && Set(soap.rows.keys) == Set(asked), "every asked person has a row on both wires")
        var unexpected: [String: String] = [:]
        var equalCells = 0
        for hetu in asked {
            let left = xml.rows[hetu] ?? [:], right = soap.rows[hetu] ?? [:]
            for column in xml.header {
                if left[column] == right[column] {
                    if !(left[column] ?? "").isEmpty { equalCells += 1 }
                } else if !Self.allowedDifference(column, xml: left, soap: right, product: product) {
                    unexpected[column] = "xml '\(left[column] ?? "")' soap '\(right[column] ?? "")'"
                }
            }
        }
        #expect(unexpected.isEmpty, "\(product): columns differ between the wires: \(unexpected.sorted { $0.key < $1.key })")
        #expect(equalCells > 500, "the comparison covers real values (\(equalCells) equal non-empty cells)")
        if product != "PERUSSANOMA 3" {
            #expect(asked.contains { !(soap.rows[$0]?["huoltaja1_hetu"] ?? "").isEmpty }, "the guardian product's guardians are compared")
        }
    }
}
