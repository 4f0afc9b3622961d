import Testing
@testable import VTJCore

@Suite struct ChangeDisclosureTests {
    typealias F = DisclosureFixtures
    static let hetu = "010594Y9032"
    static let groups: [GroupName] = [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite, .kotimainenPostiosoite,
                                      .kotikunta, .edellinenKotimainenAsuinpaikkatunnus]

    static func address(_ street: String, _ change: ChangeAttribute) -> Record {
        var record = F.address(street: street, number: "1", postcode: "00100", town: "Helsinki")
        record.change = change
        return record
    }

    /// Moves, then the ban starts (uncensored address sent along), a move under the ban, then the ban ends.
    @Test func banStartsThenEnds() {
        let rules = F.rules(purpose: .kirjasto, groups: Self.groups)
        var tracker = ProtectionTracker(states: [Self.hetu: .notProtected])
        let stream = [
            Change(hetu: Self.hetu, muutospv: "2026-01-10T10:00:00.000Z", records: [
                Self.address("Vanhatie", .changed), Self.address("Uusitie", .added),
            ]),
            Change(hetu: Self.hetu, muutospv: "2026-03-01T10:00:00.000Z", records: [
                F.turvakielto(active: false, change: .changed), F.turvakielto(active: true, change: .added),
                Self.address("Uusitie", .context),
            ]),
            Change(hetu: Self.hetu, muutospv: "2026-05-01T10:00:00.000Z", records: [
                Self.address("Uusitie", .changed), Self.address("Salatie", .added),
                Record(group: .kotikunta, change: .added, fields: [.text("kuntakoodi", "049")]),
            ]),
            Change(hetu: Self.hetu, muutospv: "2026-09-01T10:00:00.000Z", records: [
                F.turvakielto(active: true, ends: "2026-08-31", change: .changed), F.turvakielto(active: false, change: .added),
                Self.address("Salatie", .context),
            ]),
        ]
        let out = stream.map { tracker.disclose($0, with: rules) }

        #expect(out[0].records.count == 2 && out[0].instructions.isEmpty && !out[0].isProtected)

        #expect(out[1].isProtected)
        #expect(out[1].instructions == [
            ChangeInstruction(group: .vakinainenKotimainenOsoite, action: .blank),
            ChangeInstruction(group: .kotimainenPostiosoite, action: .blank),
            ChangeInstruction(group: .edellinenKotimainenAsuinpaikkatunnus, action: .blank),
        ])
        #expect(out[1].records.map(\.group) == [.turvakielto, .turvakielto])
        #expect(out[1].tally[.turvakielto] == 1)

        #expect(out[2].isProtected && out[2].instructions.isEmpty, "already blanked: no repeat")
        #expect(out[2].records.map(\.group) == [.kotikunta])
        #expect(out[2].tally[.turvakielto] == 2)

        #expect(!out[3].isProtected)
        #expect(out[3].instructions.map(\.action) == [.release, .release, .release])
        #expect(out[3].records.contains { $0.group == .vakinainenKotimainenOsoite }, "released data delivered again")
        #expect(tracker.knowledge(of: Self.hetu) == .notProtected)

        let csv = CSVChangeRenderer(groups: Self.groups, dialect: CSVDialect(byteOrderMark: false))
        let underBan = String(decoding: out[0..<3].flatMap { csv.rows($0).bytes }, as: UTF8.self)
        let released = String(decoding: csv.rows(out[3]).bytes, as: UTF8.self)
        #expect(!underBan.contains("Salatie"), "the address moved to under the ban is not delivered while it holds")
        #expect(released.contains("Salatie"), "…but is delivered once the ban has ended")
        #expect(underBan.ranges(of: ";TYHJENNA;").count == 3)
        #expect(released.ranges(of: ";VAPAUTA;").count == 3)
    }

    /// A runtime may seed "protected" to fail closed; a ban added in the entry still tells the department to blank.
    @Test func banAddedInTheEntryBlanksEvenWhenSeededProtected() {
        let rules = F.rules(purpose: .kirjasto, groups: Self.groups)
        let start = Change(hetu: Self.hetu, muutospv: "2026-05-01T10:00:00.000Z", records: [
            F.turvakielto(active: true, change: .added), Self.address("Jokutie", .context),
        ])
        #expect(rules.disclose(start, prior: .protected).instructions.map(\.action) == [.blank, .blank, .blank])
        let context = Change(hetu: Self.hetu, muutospv: "2026-05-02T10:00:00.000Z", records: [
            F.turvakielto(active: true, change: .context),
        ])
        #expect(rules.disclose(context, prior: .protected).instructions.isEmpty, "unchanged context is not a start")
    }

    @Test func unknownStateWithholdsAddressesFailClosed() {
        let rules = F.rules(purpose: .kirjasto, groups: Self.groups)
        let change = Change(hetu: Self.hetu, muutospv: "2026-05-01T10:00:00.000Z", records: [Self.address("Jokutie", .added)])
        let result = rules.disclose(change, prior: .unknown)
        #expect(result.records.isEmpty)
        #expect(result.tally[.turvakieltoUnknown] == 1)
        #expect(!result.isProtected && result.protectionAfter == .unknown)
        #expect(rules.disclose(change, prior: .notProtected).records.count == 1)
        #expect(rules.disclose(change, prior: .protected).tally[.turvakielto] == 1)
    }

    @Test func placeholderInAChangeProtects() {
        let rules = F.rules(purpose: .kirjasto, groups: Self.groups)
        let change = Change(hetu: Self.hetu, muutospv: "2026-05-01T10:00:00.000Z", records: [
            Record(group: .vakinainenKotimainenOsoite, change: .added, censoredFields: ["katunimi"]),
            Self.address("Vuototie", .context),
        ])
        let result = rules.disclose(change, prior: .notProtected)
        #expect(result.isProtected && result.records.isEmpty)
        #expect(result.protectionAfter == .protected)
        #expect(result.instructions.allSatisfy { $0.action == .blank } && !result.instructions.isEmpty)
    }

    /// The interface (and the sandbox) end a ban with one MUUTETTU record saying false; the address comes as context.
    @Test(arguments: [ProtectionKnowledge.protected, .unknown, .notProtected])
    func banEndedByAChangedRecordReleases(_ prior: ProtectionKnowledge) {
        let rules = F.rules(purpose: .kirjasto, groups: Self.groups)
        let change = Change(hetu: Self.hetu, muutospv: "2026-05-01T10:00:00.000Z", records: [
            F.turvakielto(active: false, ends: "2026-05-01", change: .changed), Self.address("Vapaatie", .context),
        ])
        let result = rules.disclose(change, prior: prior)
        #expect(!result.isProtected && result.protectionAfter == .notProtected)
        #expect(result.instructions.map(\.action) == [.release, .release, .release])
        #expect(result.records.contains { $0.group == .vakinainenKotimainenOsoite })
    }

    @Test func removedBanReleases() {
        let rules = F.rules(purpose: .kirjasto, groups: Self.groups)
        let change = Change(hetu: Self.hetu, muutospv: "2026-05-01T10:00:00.000Z", records: [
            F.turvakielto(active: true, change: .removed),
        ])
        let result = rules.disclose(change, prior: .protected)
        #expect(!result.isProtected && result.protectionAfter == .notProtected)
        #expect(result.instructions.map(\.action) == [.release, .release, .release])
    }

    @Test func agesAndEndedMarriagesApplyToChangesToo() {
        let rules = F.rules(purpose: .kirjasto, groups: [.huoltaja, .avioliitto, .uskontokuntalaji])
        var ended = F.marriage(spouse: "020275-9862", active: false, ends: "2026-05-01")
        ended.change = .changed
        var guardian = F.guardian(hetu: "020275-9862", first: "A", last: "B")
        guardian.change = .added
        let change = Change(hetu: "010501E9032", muutospv: "2026-05-02T00:00:00.000Z", records: [ended, guardian, F.religion()])
        let result = rules.disclose(change, prior: .notProtected)
        #expect(result.records.isEmpty)
        #expect(result.tally[.endedRelationship] == 1 && result.tally[.guardianOfAdult] == 1 && result.tally[.religionNotMinor] == 1)
    }
}
