import Testing
import VTJCore
import VTJXML

/// The reader numbers element names in a table of at most 4096 (CXMLShim). A body with more
/// distinct names, or many repeats of a name beyond the table, once cost a comparison against
/// every known name per element (over ten seconds for 2 MB; found while fuzzing, the seed is
/// Fuzz/corpus/response/slow-many-element-names.xml). The names must still come out exactly.
struct ResponseReaderNameTableTests {
    /// A person whose one record holds `distinct` differently named fields, then `repeats` more
    /// fields all named `zz` (beyond the table when `distinct` fills it).
    static func body(distinct: Int, repeats: Int) -> [UInt8] {
        var text = #"<perustiedotVastaus ajanTasalla="true"><henkilo henkilotunnus="010594Y9032">"#
        text += #"<tietoryhma nimi="HENKILON_NIMI">"#
        for index in 0..<distinct { text += "<n\(index)>\(index)</n\(index)>" }
        for _ in 0..<repeats { text += "<zz>z</zz>" }
        text += "<sukunimi>Testinen</sukunimi></tietoryhma></henkilo></perustiedotVastaus>"
        return Array(text.utf8)
    }

    @Test(arguments: [(10, 10), (4090, 20), (4200, 3000)])
    func everyNameIsReadExactly(distinct: Int, repeats: Int) throws {
        var persons: [Person] = []
        let page = try ResponseReader(bytes: Self.body(distinct: distinct, repeats: repeats), documentName: "names")
            .readPerustiedot { persons.append($0) }
        #expect(page.upToDate)
        let person = try #require(persons.first)
        #expect(persons.count == 1)
        let fields = try #require(person.records.first).fields
        #expect(fields.count == distinct + repeats + 1)
        let mismatches = (0..<distinct).filter { fields[$0].name != "n\($0)" || fields[$0].value != .text("\($0)") }
        #expect(mismatches.isEmpty, "fields whose name or text came out wrong: \(mismatches.prefix(5))")
        #expect(fields[distinct..<(distinct + repeats)].allSatisfy { $0.name == "zz" && $0.value == .text("z") })
        // A profile name seen after the table is full is still recognised by the record reader.
        #expect(person.records.first?.text("sukunimi") == "Testinen")
    }

    @Test func profileNamesAfterAFullTableStillCount() throws {
        // 5000 unknown names before the first henkilo: the root's children are matched by name id.
        var text = #"<perustiedotVastaus ajanTasalla="true">"#
        for index in 0..<5000 { text += "<x\(index)/>" }
        text += #"<henkilo henkilotunnus="020594X903P"><tietoryhma nimi="KOTIKUNTA"><kuntakoodi>091</kuntakoodi></tietoryhma></henkilo>"#
        text += "</perustiedotVastaus>"
        var persons: [Person] = []
        _ = try ResponseReader(bytes: Array(text.utf8), documentName: "names").readPerustiedot { persons.append($0) }
        #expect(persons.map(\.hetu) == ["020594X903P"])
        #expect(persons.first?.records.first?.text("kuntakoodi") == "091")
    }
}
