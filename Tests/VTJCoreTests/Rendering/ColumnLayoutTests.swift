import Foundation
import Testing
@testable import VTJCore
import VTJTestSupport

/// Column layouts (docs/csv-columns.md, "Layouts and presets"): presets, explicit lists, refusals,
/// fixed positions, slots, carried columns — and that no layout can show what a rule withheld.
@Suite struct ColumnLayoutTests {
    typealias F = DisclosureFixtures
    static let sivistys: [GroupName] = [.henkilonNimi, .syntymapaiva, .sukupuoli, .aidinkieli, .kotikunta,
                                        .vakinainenKotimainenOsoite, .kotimainenPostiosoite, .turvakielto, .huoltaja,
                                        .huollettava, .vanhempi, .lapsi, .uskontokuntalaji]

    @Test func everyPresetNamesOnlyRealColumnsOnce() {
        for preset in ColumnPreset.allCases {
            let columns = ColumnLayout.fixedLeading + (preset.columns ?? [])
            #expect(Set(columns).count == columns.count, "\(preset)")
            for name in columns { #expect(ColumnCatalogue.source(of: name) != nil, "\(preset): \(name)") }
        }
    }

    /// The issue's complaint: 168 columns for a class list. The school preset is about 20–30
    /// columns with two guardians and no religion.
    @Test func sivistysDefaultIsAPupilListWithTwoGuardiansAndNoReligion() throws {
        let layout = DepartmentProfile.defaultLayout(purpose: .perusopetus, groups: Self.sivistys)
        #expect(layout.preset == "oppilaslista")
        #expect((20...30).contains(layout.columns.count), "\(layout.columns.count) columns")
        #expect(layout.columns.contains("huoltaja2_hetu") && !layout.columns.contains("huoltaja3_hetu"))
        #expect(!layout.columns.contains("uskontokuntalaji"))
        #expect(!layout.columns.contains { $0.hasPrefix("huollettava") })
        #expect(Array(layout.columns.prefix(2)) == ["hetu", "tila"])
        let all = CSVRenderer(groups: Self.sivistys)
        #expect(all.columnNames.count > 150, "the full layout it replaces")
    }

    @Test func presetsAreNarrowedToTheDepartmentsGroups() {
        let layout = ColumnPreset.osoitelista.layout(groups: [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite])
        #expect(!layout.columns.contains("kuollut") && !layout.columns.contains("postiosoite"))
        #expect(layout.columns.contains("katunimi") && layout.columns.contains("rakennustunnus"))
    }

    @Test func unknownNamesAreRefusedWithTheNearestValidName() {
        let typo = ColumnLayout.resolve(["hetu", "sukunimi", "postinumro"], groups: Self.sivistys)
        guard case .failure(let problem) = typo else { Issue.record("accepted a typo"); return }
        #expect(problem.index == 2)
        #expect(problem.message.contains("\"postinumero\""), "\(problem)")
        guard case .failure(let preset) = ColumnLayout.resolve(["oppilaslita"], groups: Self.sivistys) else {
            Issue.record("accepted an unknown preset"); return
        }
        #expect(preset.message.contains("\"oppilaslista\""), "\(preset)")
        guard case .failure(let outside) = ColumnLayout.resolve(["ammattikoodi"], groups: Self.sivistys) else {
            Issue.record("accepted a column of a group the department does not receive"); return
        }
        #expect(outside.message.contains("AMMATTI"))
        guard case .failure(let twice) = ColumnLayout.resolve(["etunimi", "etunimi"], groups: Self.sivistys) else {
            Issue.record("accepted a repeat"); return
        }
        #expect(twice.index == 1)
    }

    @Test func anExplicitListKeepsItsOrderAfterHetuAndTila() throws {
        let layout = try ColumnLayout.resolve(["Sukunimi", "huoltaja3_hetu", "hetu", "postinumero"], groups: Self.sivistys).get()
        #expect(layout.columns == ["hetu", "tila", "sukunimi", "huoltaja3_hetu", "postinumero"])
        #expect(layout.preset == nil && layout.isConfigured)
    }

    /// Positions are fixed by the layout, whatever a request narrows: a column of a group not
    /// granted this time stays, empty.
    @Test func positionsStayWhenARequestNarrowsTheGroups() throws {
        let layout = try ColumnLayout.resolve(["sukunimi", "kotikunta", "postinumero"], groups: Self.sivistys).get()
        let narrowed = CSVRenderer(groups: [.henkilonNimi, .turvakielto], layout: layout)
        #expect(narrowed.columnNames == ["hetu", "tila", "sukunimi", "kotikunta", "postinumero"])
        let person = F.rules(groups: [.henkilonNimi, .turvakielto]).disclose(Person(hetu: "010516B903X", records: [
            F.name("Aino", "Testinen"), F.turvakielto(active: false), F.kotikunta("091"),
        ]))
        #expect(narrowed.cells(person).cells == ["010516B903X", "loytyi", "Testinen", "", ""])
        #expect(narrowed.notFoundCells(hetu: "040594V9030") == ["040594V9030", "ei-loytynyt", "", "", ""])
    }

    /// Slot groups take only the slots the layout names; the rest is overflow in the receipt.
    @Test func slotsBeyondTheLayoutAreOverflow() throws {
        let layout = try ColumnLayout.resolve(["huoltaja1_etunimet", "huoltaja2_etunimet"], groups: [.huoltaja]).get()
        let guardians = (0..<3).map { F.guardian(hetu: "020594X903P", first: "G\($0)", last: "T") }
        let person = F.rules(groups: [.huoltaja, .turvakielto])
            .disclose(Person(hetu: "010516B903X", records: guardians + [F.turvakielto(active: false)]))
        let csv = CSVRenderer(groups: [.huoltaja, .turvakielto], layout: layout)
        let (cells, overflow) = csv.cells(person)
        #expect(cells == ["010516B903X", "loytyi", "G0", "G1"])
        #expect(overflow == [.huoltaja: 1])
        #expect(String(decoding: csv.row(person).bytes, as: UTF8.self) == "010516B903X;loytyi;G0;G1\r\n")
    }

    /// Whatever columns a layout names, a protected person's address groups are empty: the
    /// layout picks among what the rules returned, nothing else.
    @Test(arguments: ColumnPreset.allCases)
    func noLayoutShowsAProtectedAddress(_ preset: ColumnPreset) throws {
        let groups = GroupName.productGroupsInOrder.filter { $0 != .uskontokuntalaji }
        let everything = try ColumnLayout.resolve(Array(ColumnCatalogue.allNames.dropFirst(2)).filter {
            ColumnCatalogue.source(of: $0)?.group != .uskontokuntalaji
        }, groups: groups).get()
        let protected = Person(hetu: "030594W903B", records: [
            F.name("Turva", "Henkilö"), F.turvakielto(active: true), F.kotikunta("049"),
            F.address(street: "Salainenpolku", number: "9", postcode: "00947", town: "Piilola"),
        ])
        let person = F.rules(groups: groups).disclose(protected)
        for layout in [preset.layout(groups: groups), everything] {
            let csv = CSVRenderer(groups: groups, layout: layout, carried: ["luokka"])
            let text = String(decoding: csv.row(person, carried: ["7B"]).bytes, as: UTF8.self)
            for secret in ["Salainenpolku", "00947", "Piilola"] { #expect(!text.contains(secret), "\(layout.preset ?? "all"): \(text)") }
            #expect(text.contains("turvakielto") && text.contains("7B"))
        }
    }

    @Test func carriedColumnsComeLastUnderTheirNamesAndAreEncoded() throws {
        let layout = ColumnPreset.nimiJaKotikunta.layout(groups: [.henkilonNimi, .kotikunta])
        let csv = CSVRenderer(groups: [.henkilonNimi, .kotikunta], dialect: CSVDialect(byteOrderMark: false),
                              reference: "viite", layout: layout, carried: ["luokka", "sukunimi", "huom"])
        #expect(csv.columnNames.suffix(4) == ["tunniste", "luokka", "oma_sukunimi", "huom"])
        let person = F.rules(groups: [.henkilonNimi, .kotikunta]).disclose(Person(hetu: "010516B903X", records: [F.name("A", "B")]))
        let text = String(decoding: csv.row(person, carried: ["7B", "Testinen", "=HYPERLINK(\"x\")"]).bytes, as: UTF8.self)
        #expect(text.hasSuffix(";viite;7B;Testinen;\"'=HYPERLINK(\"\"x\"\")\"\r\n"), "\(text)")
        let rejected = String(decoding: csv.rejectedRow(value: "12345", carried: ["7C"]), as: UTF8.self)
        #expect(rejected.hasPrefix("12345;hylatty;") && rejected.hasSuffix(";viite;7C;;\r\n"), "\(rejected)")
        #expect(csv.notFoundCells(hetu: "040594V9030", carried: ["7D"]).count == csv.columnNames.count)
        #expect(csv.dateColumns.count == csv.columnNames.count)
    }
}

extension ColumnLayoutTests {
    /// docs/csv-columns.md lists every preset's columns in order, so the documentation stays true.
    @Test func documentationListsEveryPresetsColumns() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/csv-columns.md", encoding: .utf8)
        for preset in ColumnPreset.allCases where preset != .kaikki {
            let columns = preset.layout(groups: GroupName.productGroupsInOrder).columns
            #expect(text.contains("| `\(preset.rawValue)` | \(columns.count) |"), "\(preset)")
            #expect(text.contains(columns.map { "`\($0)`" }.joined(separator: " ") + " |"), "\(preset)")
        }
    }
}
