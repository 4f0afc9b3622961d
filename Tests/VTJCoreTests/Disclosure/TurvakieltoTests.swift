import Testing
@testable import VTJCore

@Suite struct TurvakieltoTests {
    typealias F = DisclosureFixtures

    /// Strings of a protected person's whereabouts; none may appear in any output byte.
    static let secrets = [
        "Salainenpolku", "Q77", "00947", "Piilola", "PL 4242 Salapostia", "PIILO123456", "1030305999X",
        "Turvakoti Suojala", "MOZ-SECRET", "VANHAPIILO42", "ENTINENKOTI77", "XQZ", "XQW",
    ]

    /// Every address-like group, uncensored, as a careless or `--uncensored` interface would send it.
    static func uncensoredWhereabouts() -> [Record] {
        [
            Record(group: .vakinainenKotimainenOsoite, fields: [
                .bilingual("katunimi", fi: "Salainenpolku", sv: "Salainenpolkuvägen"), .text("katunumero", "Q77"),
                .text("postinumero", "00947"), .bilingual("postitoimipaikka", fi: "Piilola", sv: "Piilola sv"),
                .text("rakennustunnus", "1030305999X"), .text("kuntakoodi", "091"),
            ]),
            Record(group: .kotimainenPostiosoite, fields: [
                .bilingual("postiosoite", fi: "PL 4242 Salapostia"), .text("postinumero", "00947"),
            ]),
            Record(group: .vakinainenKotimainenAsuinpaikkatunnus, fields: [
                .text("asuinpaikantunnus", "PIILO123456"), .text("rakennustunnus", "1030305999X"),
            ]),
            Record(group: .vakinainenOlinpaikassaAsuminen, fields: [.text("laitos", "Turvakoti Suojala")]),
            Record(group: .vakinainenUlkomaillaAsuminen, fields: [.text("asuinpaikantunnus", "MOZ-SECRET")]),
            Record(group: .edellinenKotimainenAsuinpaikkatunnus, fields: [.text("asuinpaikantunnus", "VANHAPIILO42")]),
            Record(group: .entinenOlinpaikassaAsuminen, fields: [.text("laitos", "ENTINENKOTI77")]),
            Record(group: .entinenUlkomaillaAsuminen, fields: [.text("asuinpaikantunnus", "ENTINENKOTI77")]),
            Record(group: .valtioJohonMuuttanut, fields: [.text("valtiokoodi", "XQZ")]),
            Record(group: .valtioJostaMuuttanut, fields: [.text("valtiokoodi", "XQW")]),
            // Address-like fields smuggled into groups that are delivered under turvakielto.
            Record(group: .kotikunta, fields: [.text("kuntakoodi", "091"), .text("katunimi", "Salainenpolku")]),
            Record(group: .edellinenKotikunta, fields: [.text("kuntakoodi", "049"), .text("postinumero", "00947")]),
            Record(group: .vuodenvaihteenKunta, fields: [.text("kuntakoodi", "091"), .text("vuodenvaihde", "2025")]),
        ]
    }

    static func protectedPerson(_ ban: Record?) -> Person {
        var records = [F.name("Turva", "Henkilö")]
        if let ban { records.append(ban) }
        records += uncensoredWhereabouts()
        records.append(F.guardian(hetu: "020594X903P", first: "Maija", last: "Testinen"))
        return Person(hetu: "010516B903X", records: records)
    }

    static func allText(_ fields: [Field]) -> [String] {
        fields.flatMap { field -> [String] in
            switch field.value {
            case .text(let text): [field.name, text]
            case .date(let date): [field.name, date.text]
            case .bilingual(let value): [field.name, value.fi ?? "", value.sv ?? ""]
            case .composite(let children): [field.name] + allText(children)
            }
        }
    }

    static let bans: [(String, Record?)] = [
        ("active", F.turvakielto(active: true)),
        ("active, ends in future", F.turvakielto(active: true, ends: "2030-01-01")),
        ("active, ends today", F.turvakielto(active: true, ends: "2026-11-26")),
        ("empty record (fail closed)", Record(group: .turvakielto)),
        ("unreadable flag (fail closed)", Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "kyllä")])),
        ("unreadable end date (fail closed)", F.turvakielto(active: true, ends: "31.12.2030")),
        ("censored TURVAKIELTO record", Record(group: .turvakielto, censoredFields: ["turvakieltoAktiivinen"])),
    ]

    @Test(arguments: bans.map(\.0))
    func protectedPersonLeaksNothing(_ label: String) throws {
        let ban = try #require(Self.bans.first { $0.0 == label }).1
        let person = Self.protectedPerson(ban)
        let result = F.rules().disclose(person)

        #expect(result.isProtected)
        let delivered = Set(result.records.map(\.group))
        #expect(delivered.isSuperset(of: [.kotikunta, .edellinenKotikunta, .vuodenvaihteenKunta, .henkilonNimi, .huoltaja]))
        #expect(delivered.isDisjoint(with: DisclosureRules.protectedGroups))
        #expect(result.tally[.turvakielto] == 5)
        #expect(result.tally[.turvakieltoWhereabouts] == 5)
        #expect(result.withheld.filter { $0.rule == .turvakielto }.map(\.group) == GroupName.censoredUnderTurvakielto)

        let strings = result.records.flatMap { Self.allText($0.fields) }
        for secret in Self.secrets {
            #expect(!strings.contains { $0.contains(secret) }, "\(secret) in a delivered field")
        }
        let csv = CSVRenderer(groups: GroupName.productGroupsInOrder)
        let bytes = csv.header() + csv.row(result).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) in the CSV") }
        #expect(text.contains(";turvakielto;"))
    }

    @Test func secretsReallyAreInTheInput() {
        let text = Self.protectedPerson(nil).records.flatMap { Self.allText($0.fields) }.joined(separator: "|")
        for secret in Self.secrets { #expect(text.contains(secret)) }
    }

    @Test(arguments: [
        ("not active", F.turvakielto(active: false)),
        ("ended yesterday", F.turvakielto(active: true, ends: "2026-11-25")),
    ])
    func endedOrInactiveBanReleasesTheAddress(_ label: String, _ ban: Record) {
        let result = F.rules().disclose(Self.protectedPerson(ban))
        #expect(!result.isProtected, "\(label)")
        #expect(result.records.contains { $0.group == .vakinainenKotimainenOsoite })
        #expect(result.tally[.turvakielto] == 0)
    }

    @Test func placeholderAloneProtectsThePerson() {
        var records = Self.uncensoredWhereabouts()
        records.append(Record(group: .kotimainenPostiosoite, censoredFields: ["postiosoite"]))
        let result = F.rules().disclose(Person(hetu: "010594Y9032", records: records))
        #expect(result.isProtected)
        #expect(!result.records.contains { DisclosureRules.addressGroups.contains($0.group) })
    }

    @Test func protectedMarksOnlyGrantedGroupsAndCountsPlaceholders() {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite])
        let person = Person(hetu: "010594Y9032", records: [
            F.name("A", "B"), F.turvakielto(active: true), F.kotikunta("091"),
            Record(group: .vakinainenKotimainenOsoite, censoredFields: ["katunimi", "postinumero"]),
        ])
        let result = rules.disclose(person)
        #expect(result.isProtected)
        #expect(result.withheld == [WithheldGroup(group: .vakinainenKotimainenOsoite, rule: .turvakielto)])
        #expect(result.tally[.turvakielto] == 1)
        #expect(result.tally[.notGranted] == 1)
        #expect(result.records.map(\.group) == [.henkilonNimi, .kotikunta])
    }
}
