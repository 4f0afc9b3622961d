import Testing
import VTJCore
import VTJXML

/// A date field's `tarkkuus` is matched from the attribute's bytes (issue 15): the profile's three
/// names exactly, anything else as the text path did — the name trimmed of blanks, or no
/// precision at all; the field is a date whenever the attribute is there.
struct ResponseReaderPrecisionTests {
    static let cases: [(attribute: String, precision: PartialDate.Precision?)] = [
        ("PAIVA", .day), ("KUUKAUSI", .month), ("VUOSI", .year),
        (" PAIVA", .day), ("VUOSI  ", .year), (" KUUKAUSI ", .month),
        ("paiva", nil), ("PAIV", nil), ("PAIVAA", nil), ("VUOSJ", nil), ("KUUKAUSJ", nil), ("KUUKAUS", nil),
        ("", nil), ("   ", nil), ("PÄIVÄ", nil),
    ]

    @Test(arguments: cases)
    func precisionFromTheAttribute(attribute: String, precision: PartialDate.Precision?) throws {
        let body = #"<perustiedotVastaus ajanTasalla="true"><henkilo henkilotunnus="010594Y9032">"#
            + #"<tietoryhma nimi="SYNTYMAPAIVA"><syntymapv tarkkuus="\#(attribute)">1994-05-01</syntymapv>"#
            + #"<muu>teksti</muu></tietoryhma></henkilo></perustiedotVastaus>"#
        var persons: [Person] = []
        _ = try ResponseReader(bytes: Array(body.utf8), documentName: "tarkkuus").readPerustiedot { persons.append($0) }
        let fields = try #require(persons.first?.records.first).fields
        #expect(fields == [
            Field("syntymapv", .date(PartialDate(text: "1994-05-01", precision: precision))),
            Field("muu", .text("teksti")),
        ])
    }
}
