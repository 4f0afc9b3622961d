import Foundation
import Testing
@testable import VTJCore
import VTJTestSupport

/// A CSV written by vtjdrop, re-read by an independent parser (Python's `csv` module), gives the values back.
@Suite struct CSVRereadTests {
    typealias F = DisclosureFixtures

    static let nastyNames: [(String, String)] = [
        ("Aino;Maria", "Testi;nen"),
        ("Say \"hi\"", "\"Quoted\""),
        ("Rivi\nvaihto", "Rivi\r\nvaihto"),
        ("=HYPERLINK(\"http://x\")", "+358"),
        ("-Anna", "@Liisa"),
        ("Åsa-Märta Ölund", "Wéber ß Ж"),
        ("  välilyönnit  ", "\tTab"),
        (";\";\n=", "'"),
    ]

    static func reread(_ bytes: [UInt8], delimiter: String) throws -> [[String]] {
        let folder = try TempFolder("vtjdrop-reread")
        let file = try folder.write("tulos.csv", bytes: bytes)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/reread_csv.py")
        let outcome = try ChildProcess.runBlocking("python3", [script.path, file, delimiter])
        #expect(outcome.status == 0, "python: \(outcome.stderr)")
        let data = outcome.stdoutData
        return try JSONDecoder().decode([[String]].self, from: data)
    }

    static func render(_ dialect: CSVDialect) -> ([UInt8], CSVRenderer) {
        let groups: [GroupName] = [.henkilonNimi, .huoltaja]
        let rules = F.rules(groups: groups)
        let csv = CSVRenderer(groups: groups, dialect: dialect)
        var bytes = csv.header()
        for (index, (first, last)) in nastyNames.enumerated() {
            let hetu = F.hetu(CivilDate(year: 2016, month: 5, day: index + 1)!)
            let person = Person(hetu: hetu, records: [
                F.name(first, last), F.turvakielto(active: false), F.guardian(hetu: "020275-9862", first: last, last: first),
            ])
            bytes += csv.row(rules.disclose(person)).bytes
        }
        return (bytes, csv)
    }

    @Test(arguments: [CSVDialect.standard, CSVDialect(delimiter: ",", lineEnding: .lf, byteOrderMark: false),
                      CSVDialect(delimiter: "\t", neutraliseFormulas: false)])
    func pythonReadsBackTheSameValues(_ dialect: CSVDialect) throws {
        let (bytes, csv) = Self.render(dialect)
        let rows = try Self.reread(bytes, delimiter: String(dialect.delimiter))
        #expect(rows.count == Self.nastyNames.count + 1)
        #expect(rows.first == csv.columnNames)
        let first = try #require(csv.columnNames.firstIndex(of: "etunimi"))
        let last = try #require(csv.columnNames.firstIndex(of: "sukunimi"))
        let guardianHetu = try #require(csv.columnNames.firstIndex(of: "huoltaja1_hetu"))
        let guardianFirst = try #require(csv.columnNames.firstIndex(of: "huoltaja1_etunimet"))
        func expected(_ value: String) -> String {
            guard dialect.neutraliseFormulas, let char = value.first, CSVEncoder.formulaStarters.contains(char) else { return value }
            return "'" + value
        }
        for (index, (firstName, lastName)) in Self.nastyNames.enumerated() {
            let row = rows[index + 1]
            #expect(row.count == csv.columnNames.count)
            #expect(row[first] == expected(firstName))
            #expect(row[last] == expected(lastName))
            #expect(row[guardianFirst] == expected(lastName))
            #expect(row[guardianHetu] == "020275-9862", "a hetu's '-' century sign is never neutralised")
            #expect(row[1] == "loytyi")
        }
    }
}
