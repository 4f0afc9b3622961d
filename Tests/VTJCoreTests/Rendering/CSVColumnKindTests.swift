import Testing
@testable import VTJCore

/// Which result columns are dates (typed as date cells in a workbook), derived from the wire
/// profile's field shapes, matches the columns' names: every `…pv` column is a date, and
/// `vuodenvaihde` (the year-end date of VUODENVAIHTEEN_KUNTA); nothing else.
@Suite struct CSVColumnKindTests {
    typealias F = DisclosureFixtures

    static func namedLikeADate(_ name: String) -> Bool { name.hasSuffix("pv") || name == "vuodenvaihde" }

    @Test func dateColumnsAreExactlyTheDateFieldsOfTheWireProfile() {
        let csv = CSVRenderer(groups: GroupName.productGroupsInOrder, reference: "viite")
        #expect(csv.dateColumns.count == csv.columnNames.count)
        for (name, isDate) in zip(csv.columnNames, csv.dateColumns) {
            #expect(isDate == Self.namedLikeADate(name), "\(name): date \(isDate)")
        }
        #expect(csv.dateColumns.filter { $0 }.count > 40, "slots repeat their dates (huoltaja1_syntymapv …)")
    }

    @Test func changeRowsMarkTheGroupDatesButNotTheTimestamp() {
        let csv = CSVChangeRenderer(groups: GroupName.productGroupsInOrder)
        #expect(csv.dateColumns.count == csv.columnNames.count)
        for (name, isDate) in zip(csv.columnNames, csv.dateColumns) where name != "muutospv" {
            #expect(isDate == Self.namedLikeADate(name), "\(name): date \(isDate)")
        }
        #expect(csv.dateColumns[2] == false, "muutospv is an ISO-8601 UTC timestamp, not a date")
    }

    /// The unencoded cells are exactly what the CSV row encodes.
    @Test func cellsAreWhatTheRowEncodes() {
        let groups: [GroupName] = [.henkilonNimi, .huoltaja]
        let csv = CSVRenderer(groups: groups, reference: "luokka 3B")
        let hetu = F.hetu(CivilDate(year: 2016, month: 5, day: 1)!)
        let person = F.rules(groups: groups).disclose(Person(hetu: hetu, records: [
            F.name("=Aino;\"x\"", "Mäkelä"), F.guardian(hetu: "020275-9862", first: "Åsa", last: "Öhman"),
        ]))
        let (cells, overflow) = csv.cells(person)
        #expect(cells.count == csv.columnNames.count)
        #expect(csv.encoder.line(cells) == String(decoding: csv.row(person).bytes, as: UTF8.self))
        #expect(overflow == csv.row(person).overflow)
        #expect(cells.last == "luokka 3B")
        let missing = csv.notFoundCells(hetu: "010101-999R")
        #expect(missing.count == csv.columnNames.count)
        #expect(csv.encoder.line(missing) == String(decoding: csv.notFoundRow(hetu: "010101-999R"), as: UTF8.self))
    }
}
