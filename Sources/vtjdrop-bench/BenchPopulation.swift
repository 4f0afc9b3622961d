import VTJCore

/// Deterministic, realistic persons for the parse benchmark: 10–15 groups each, Finnish names
/// with ä/ö/å, bilingual addresses, guardians for minors, and only test henkilötunnus
/// (individual number 900–999).
struct BenchPopulation {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick(_ values: [String]) -> String { values[int(0...values.count - 1)] }

    static let firstNames = ["Aino", "Eeli", "Väinö", "Åsa", "Jönssi", "Ilmari", "Helmi", "Seija-Liisa", "Mikael", "Sofia", "Ännä", "Björn"]
    static let lastNames = ["Mäkelä", "Virtanen", "Öhman", "Korhonen", "O'Brien", "Nieminen", "Lindqvist-Hämäläinen", "Järvinen"]
    static let streets = [("Mikkolantie", "Mickelsvägen"), ("Mannerheimintie", "Mannerheimvägen"), ("Aleksanterinkatu", "Alexandersgatan"),
                          ("Hämeentie", "Tavastvägen"), ("Itäväylä", "Österleden")]
    static let municipalities = ["091", "049", "092", "235", "837"]

    /// A valid test henkilötunnus and its birth date.
    private mutating func hetu() -> (String, year: Int, month: Int, day: Int) {
        let year = int(1930...2025)
        let month = int(1...12)
        let day = int(1...28)
        let datePart = String(format2(day)) + format2(month) + format2(year % 100)
        let number = int(900...999)
        let check = Henkilotunnus.checkCharacter(datePart: datePart, individualNumber: number)
        let sign = year < 2000 ? pick(["-", "Y", "X"]) : pick(["A", "B"])
        return (datePart + sign + String(number) + String(check), year, month, day)
    }

    private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private func date(_ year: Int, _ month: Int, _ day: Int) -> PartialDate {
        PartialDate(text: "\(year)-\(format2(month))-\(format2(day))", precision: .day)
    }

    private mutating func stub(_ name: String, year: Int) -> Field {
        let (code, y, m, d) = hetu()
        _ = y
        return .composite(name, [
            .text("henkilotunnus", code), .text("etunimet", pick(Self.firstNames) + " " + pick(Self.firstNames)),
            .text("sukunimi", pick(Self.lastNames)), .date("syntymapv", date(year, m, d)), .text("sukupuoli", pick(["MIES", "NAINEN"])),
        ])
    }

    mutating func person(_ index: Int) -> Person {
        let (code, year, month, day) = hetu()
        let minor = year >= 2009
        let kunta = pick(Self.municipalities)
        let (fi, sv) = Self.streets[int(0...Self.streets.count - 1)]
        let first = pick(Self.firstNames) + " " + pick(Self.firstNames)
        let last = pick(Self.lastNames)
        var records: [Record] = [
            Record(group: .syntymapaiva, fields: [.date("syntymapv", date(year, month, day))]),
            Record(group: .sukupuoli, fields: [.text("sukupuoli", pick(["MIES", "NAINEN"]))]),
            Record(group: .henkilonNimi, fields: [.text("etunimi", first), .text("sukunimi", last), .text("etunimiUTF8", first),
                                                  .text("sukunimiUTF8", last), .date("alkupv", date(year, month, day))]),
            Record(group: .aidinkieli, fields: [.text("kielikoodi", "fi"), .text("kielikoodiISO6392", "fin"),
                                                .bilingual("nimi", fi: "suomi", sv: "finska"), .date("alkupv", date(year, month, day))]),
            Record(group: .kansalaisuus, fields: [.composite("henkilonKansalaisuudet", [
                .composite("kansalaisuus", [.text("kansalaisuuskoodi", "246"), .text("voimassaolo", "AKTIIVI"), .date("saamispv", date(year, month, day))]),
            ])]),
            Record(group: .syntymakotikunta, fields: [.text("kuntakoodi", pick(Self.municipalities))]),
            Record(group: .siviilisaaty, fields: [.text("siviilisaaty", minor ? "NAIMATON" : pick(["NAIMATON", "AVIOLIITOSSA", "ERONNUT", "LESKI"]))]),
            Record(group: .vakinainenKotimainenOsoite, fields: [
                .bilingual("katunimi", fi: fi, sv: sv), .text("katunumero", String(int(1...120))), .text("huoneistokirjain", pick(["A", "B", "C"])),
                .text("huoneistonumero", "00\(int(1...9))"), .text("postinumero", "00\(int(100...990))"),
                .bilingual("postitoimipaikka", fi: "HELSINKI", sv: "HELSINGFORS"), .text("rakennustunnus", "10\(int(1_000_000...9_999_999))A"),
                .text("kuntakoodi", kunta), .date("alkupv", date(2015 + index % 10, 1 + index % 12, 1 + index % 28)),
            ]),
            Record(group: .vakinainenKotimainenAsuinpaikkatunnus, fields: [
                .text("asuinpaikantunnus", "\(kunta)\(int(100_000...999_999))  "), .text("kuntakoodi", kunta),
                .date("alkupv", date(2015 + index % 10, 1 + index % 12, 1 + index % 28)),
            ]),
            Record(group: .kotikunta, fields: [.text("kuntakoodi", kunta), .date("kuntaanMuuttopv", date(2015 + index % 10, 1 + index % 12, 1))]),
            Record(group: .vuodenvaihteenKunta, fields: [.text("kuntakoodi", kunta), .date("vuodenvaihde", PartialDate(text: "2026-01-01", precision: .year))]),
        ]
        if index % 3 == 0 {
            records.append(Record(group: .edellinenKotikunta, fields: [.text("kuntakoodi", pick(Self.municipalities)),
                                                                       .date("kuntaanMuuttopv", date(2010, 3, 1)), .date("kunnastaPoisMuuttopv", date(2015, 2, 28))]))
        }
        if minor {
            for _ in 0..<int(1...2) {
                records.append(Record(group: .huoltaja, fields: [stub("huoltaja", year: year - 30), .text("huoltajanLaji", "LAKISAATEINEN"),
                                                                 .text("huoltajanRooli", pick(["ISA", "AITI"])), .date("huoltosuhteenAlkupv", date(year, month, day))]))
            }
        } else {
            if index % 2 == 0 {
                records.append(Record(group: .avioliitto, fields: [stub("puoliso", year: year), .text("voimassaolo", "AKTIIVI"),
                                                                   .date("vihkipv", date(year + 25, 6, 16)), .text("jarjestysnumero", "1")]))
            }
            records.append(Record(group: .ammatti, fields: [.text("ammattikoodi", "25121"), .text("ammattinimi", "Ohjelmistokehittäjä")]))
        }
        records.append(Record(group: .uskontokuntalaji, fields: [.text("uskontokuntalaji", pick(["EV_LUT", "EI_USKONTOKUNTAA", "ORT"]))]))
        if index % 100 == 0 {
            records.append(Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "true")]))
        }
        return Person(hetu: code, records: records)
    }
}
