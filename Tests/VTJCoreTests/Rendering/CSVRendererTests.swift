import Foundation
import Testing
@testable import VTJCore
import VTJTestSupport

@Suite struct CSVRendererTests {
    typealias F = DisclosureFixtures
    static let groups: [GroupName] = [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite, .kotikunta, .huoltaja,
                                      .kansalaisuus]

    @Test func everyProductGroupHasColumnsAndNamesAreUnique() {
        let all = CSVRenderer(groups: GroupName.productGroupsInOrder)
        #expect(all.groups == GroupName.productGroupsInOrder)
        #expect(Set(all.columnNames).count == all.columnNames.count)
        #expect(all.columnNames.allSatisfy { name in
            name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        })
    }

    /// docs/csv-columns.md names every column of every group, so the documentation stays true.
    @Test func documentationListsEveryColumn() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/csv-columns.md", encoding: .utf8)
        for group in GroupName.productGroupsInOrder {
            let layout = try #require(CSVGroupLayout.layout(of: group))
            #expect(text.contains("| \(group.rawValue) |"), "\(group) has no row")
            for column in layout.columns { #expect(text.contains("`\(column.name)`"), "\(group): `\(column.name)` undocumented") }
        }
        for column in CSVRenderer.leadingColumns + CSVChangeRenderer.leadingColumns {
            #expect(text.contains("`\(column)`"))
        }
    }

    /// Each column reads a field the group may deliver, so no column is dead by a typo.
    @Test(arguments: GroupName.productGroupsInOrder)
    func columnsMatchTheSchema(_ group: GroupName) throws {
        let layout = try #require(CSVGroupLayout.layout(of: group))
        var spec = try #require(GroupSchema.fields(of: group))
        if let list = layout.listField, case .list(_, let itemFields)? = spec.first(where: { $0.name == list })?.kind {
            spec = itemFields
        }
        for column in layout.columns {
            var fields = spec
            for (depth, name) in column.path.enumerated() {
                let field = try #require(fields.first { $0.name == name }, "\(group) column \(column.name): no field \(name)")
                if depth < column.path.count - 1 {
                    switch field.kind {
                    case .stub: fields = FieldSpec.stubFields
                    case .composite(let children): fields = children
                    default: Issue.record("\(column.name): \(name) has no children")
                    }
                }
            }
        }
    }

    static func people() -> [PersonDisclosure] {
        let rules = F.rules(purpose: .perusopetus, groups: groups)
        let child = Person(hetu: "010516B903X", records: [
            F.name("Aino; \"Ninni\"", "=Testinen"),
            F.turvakielto(active: false),
            F.kotikunta("091"),
            F.address(street: "Mikkolantie", number: "1 A 2", postcode: "00640", town: "Helsinki"),
            F.guardian(hetu: "020594X903P", first: "Maija", last: "Testinen"),
            F.guardian(hetu: "020275-9862", first: "Matti\nJuhani", last: "Testinen"),
            Record(group: .kansalaisuus, fields: [.composite("henkilonKansalaisuudet", [
                .composite("kansalaisuus", [.text("kansalaisuuskoodi", "246"), .text("voimassaolo", "AKTIIVI")]),
                .composite("kansalaisuus", [.text("kansalaisuuskoodi", "752"), .text("voimassaolo", "AKTIIVI")]),
            ])]),
        ])
        let protected = Person(hetu: "030594W903B", records: [
            F.name("Turva", "Henkilö"), F.turvakielto(active: true), F.kotikunta("049"),
            F.address(street: "Salainenpolku", number: "9", postcode: "00947", town: "Piilola"),
        ])
        return [rules.disclose(child), rules.disclose(protected)]
    }

    @Test func goldenBasicData() throws {
        let csv = CSVRenderer(groups: Self.groups)
        var bytes = csv.header()
        for person in Self.people() { bytes += csv.row(person).bytes }
        bytes += csv.notFoundRow(hetu: "040594V9030")
        try GoldenFile.check(bytes, folder: "Rendering", name: "perustiedot.csv")
    }

    @Test func goldenChanges() throws {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite, .kotikunta])
        var tracker = ProtectionTracker(states: ["010594Y9032": .notProtected])
        var address = F.address(street: "Uusitie", number: "3", postcode: "00100", town: "Helsinki")
        address.change = .added
        let changes = [
            Change(hetu: "010594Y9032", muutospv: "2026-11-24T21:00:00.000Z", records: [address]),
            Change(hetu: "010594Y9032", muutospv: "2026-11-25T08:30:00.000Z", records: [
                F.turvakielto(active: true, change: .added),
                Record(group: .kotikunta, change: .context, fields: [.text("kuntakoodi", "091")]),
            ]),
        ]
        let csv = CSVChangeRenderer(groups: rules.groups)
        var bytes = csv.header()
        for change in changes { bytes += csv.rows(tracker.disclose(change, with: rules)).bytes }
        try GoldenFile.check(bytes, folder: "Rendering", name: "muutokset.csv")
    }

    @Test func rowsHaveTheHeadersWidthAndOverflowIsCounted() throws {
        let guardians = (0..<6).map { F.guardian(hetu: "020594X903P", first: "G\($0)", last: "T") }
        let person = F.rules(groups: [.huoltaja]).disclose(Person(hetu: "010516B903X", records: guardians))
        let csv = CSVRenderer(groups: [.huoltaja], dialect: CSVDialect(byteOrderMark: false))
        let row = csv.row(person)
        #expect(row.overflow == [.huoltaja: 2])
        let text = String(decoding: row.bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(text.split(separator: ";", omittingEmptySubsequences: false).count == csv.columnNames.count)
        #expect(text.contains("G3") && !text.contains("G4"))
        var receipt = Receipt(dropID: "r", department: "d", file: "f", processingDate: F.today)
        receipt.record(row)
        #expect(receipt.overflow == [.huoltaja: 2])
    }

    /// The contract echoes `tunniste` in every result file: in CSV as a last column of every row.
    @Test func theReferenceIsTheLastCellOfEveryRowOfBothKinds() throws {
        let reference = "oma;viite \"42\" =A1"
        let csv = CSVRenderer(groups: Self.groups, reference: reference)
        #expect(csv.columnNames.last == "tunniste")
        #expect(CSVRenderer(groups: Self.groups).columnNames == Array(csv.columnNames.dropLast()), "groups keep their positions")
        var bytes = csv.header()
        for person in Self.people() { bytes += csv.row(person).bytes }
        bytes += csv.notFoundRow(hetu: "040594V9030")

        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite])
        var tracker = ProtectionTracker(states: ["010594Y9032": .notProtected])
        let changes = CSVChangeRenderer(groups: rules.groups, dialect: CSVDialect(byteOrderMark: false), reference: reference)
        var changeBytes = changes.header()
        for change in [Change(hetu: "010594Y9032", muutospv: "2026-11-24T21:00:00.000Z", records: [F.name("A", "B")]),
                       Change(hetu: "010594Y9032", muutospv: "2026-11-25T08:30:00.000Z", records: [F.turvakielto(active: true, change: .added)]),
                       Change(hetu: "010594Y9032", muutospv: "2026-11-25T09:00:00.000Z", records: [])] {
            changeBytes += changes.rows(tracker.disclose(change, with: rules)).bytes
        }
        for (rendered, header) in [(bytes, csv.columnNames), (changeBytes, changes.columnNames)] {
            let rows = try CSVRereadTests.reread(rendered, delimiter: ";")
            #expect(rows.first == header)
            #expect(rows.count >= 4, "\(rows)")
            for row in rows.dropFirst() {
                #expect(row.count == header.count, "\(row)")
                #expect(row.last == reference, "\(row)")
            }
        }
    }

    @Test func onlyGrantedGroupsBecomeColumns() {
        let csv = CSVRenderer(groups: [.kotikunta, .henkilonNimi, "OSOITE"])
        #expect(csv.columnNames == ["hetu", "tila", "pidatetyt", "etunimi", "sukunimi", "etunimi_utf8", "sukunimi_utf8",
                                    "nimi_alkupv", "kotikunta", "kuntaan_muuttopv"])
    }
}
