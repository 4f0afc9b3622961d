import Foundation
import Testing
import VTJCore
import VTJXML

/// The codec's hand-checked fixtures through the disclosure rules and the result writer: every field
/// the interface sends for an allowed group is known to the rules, and the result stays valid.
@Suite struct ResultXMLFixtureTests {
    static let today = CivilDate(year: 2026, month: 11, day: 26)!

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return Array(try Data(contentsOf: url))
    }

    @Test func everyProfileFieldSurvivesAndTheResultValidates() throws {
        let reader = try ResponseReader(bytes: try Self.fixture("perustiedot-all-groups.xml"), documentName: "all-groups")
        let rules = DisclosureRules(groups: GroupName.productGroupsInOrder, purpose: .perusopetus, today: Self.today)
        var persons: [PersonDisclosure] = []
        _ = try reader.readPerustiedot { persons.append(rules.disclose($0)) }
        try #require(!persons.isEmpty)
        for person in persons {
            #expect(person.tally.droppedFields == 0, "\(person.hetu): a profile field is unknown to GroupSchema")
        }
        let everyone = persons.reduce(into: Set<GroupName>()) { $0.formUnion($1.records.map(\.group)) }
        #expect(everyone.count > 30, "most groups delivered for the all-groups person: \(everyone.count)")
        #expect(persons.contains { $0.isProtected })

        let writer = ResultXMLWriter(writer: XMLWriter(), header: .init(
            dropID: "fixture", operation: "perustiedot", purpose: .perusopetus, processingDate: Self.today,
            groups: rules.groups))
        writer.begin()
        persons.forEach(writer.write)
        try writer.finish()
        let problems = try XMLSchemaValidator.validate(document: try writer.writer.bytes(), schemaPath: ResultXMLWriterTests.schemaPath)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func changeFixtureValidates() throws {
        let reader = try ResponseReader(bytes: try Self.fixture("muutokset-several.xml"), documentName: "muutokset")
        let rules = DisclosureRules(groups: GroupName.productGroupsInOrder, purpose: .kirjasto, today: Self.today)
        var tracker = ProtectionTracker()
        let writer = ResultXMLWriter(writer: XMLWriter(), header: .init(
            dropID: "fixture", operation: "muutokset", purpose: .kirjasto, processingDate: Self.today, groups: rules.groups))
        writer.begin()
        var entries = 0
        _ = try reader.readMuutokset { change in
            entries += 1
            writer.write(tracker.disclose(change, with: rules))
        }
        try writer.finish()
        #expect(entries > 0)
        let problems = try XMLSchemaValidator.validate(document: try writer.writer.bytes(), schemaPath: ResultXMLWriterTests.schemaPath)
        #expect(problems.isEmpty, "\(problems)")
    }
}
