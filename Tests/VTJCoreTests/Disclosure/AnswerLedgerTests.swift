import Testing
@testable import VTJCore

/// Fail closed on an answer that contradicts itself or lacks the TURVAKIELTO group (issue 13).
@Suite struct AnswerLedgerTests {
    typealias F = DisclosureFixtures

    static let address = F.address(street: "Salainenpolku", number: "9", postcode: "00947", town: "Piilola")

    /// The first copy says "no ban" and carries the address; the second is the truth.
    static func copies(hetu: String = "010594Y9032") -> (unbanned: Person, banned: Person) {
        (Person(hetu: hetu, records: [F.name("Turva", "Henkilö"), F.turvakielto(active: false), address]),
         Person(hetu: hetu, records: [F.name("Turva", "Henkilö"), F.turvakielto(active: true), address]))
    }

    @Test func aContradictingCopyWithdrawsTheFirstAndCensorsEverything() throws {
        var ledger = AnswerLedger(rules: F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite]))
        let (unbanned, banned) = Self.copies()
        guard case .deliver(let first, let slot) = ledger.next(unbanned) else { Issue.record("first copy not delivered"); return }
        #expect(slot == 0)
        #expect(!first.isProtected, "alone, the first copy would have been delivered with its address")
        guard case .withdraw(let withdrawn, let earlier, let replacement) = ledger.next(banned) else {
            Issue.record("the contradiction was not caught")
            return
        }
        #expect(withdrawn == 0)
        #expect(earlier == AnswerLedger.EarlierCopy(wasProtected: false, deliveredRecords: 3))
        #expect(replacement.isProtected)
        #expect(replacement.records.isEmpty, "nothing of either copy may be delivered")
        #expect(Set(replacement.withheld.map(\.group)) == [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite])
        #expect(replacement.withheld.allSatisfy { $0.rule == .contradictoryAnswer })
        #expect(replacement.failedClosed == .contradictoryAnswer)
        #expect(replacement.tally[.contradictoryAnswer] == 3)
        #expect(ledger.next(unbanned) == .alreadyWithdrawn(records: 3))
        #expect(ledger.contradictions == 1)
    }

    @Test func anIdenticalCopyIsAHarmlessRepeat() {
        var ledger = AnswerLedger(rules: F.rules())
        let person = Person(hetu: "010594Y9032", records: [F.name("A", "B"), F.turvakielto(active: false)])
        let other = Person(hetu: "020594X903P", records: [F.name("C", "D"), F.turvakielto(active: false)])
        guard case .deliver = ledger.next(person) else { Issue.record("not delivered"); return }
        guard case .deliver(_, let slot) = ledger.next(other) else { Issue.record("not delivered"); return }
        #expect(slot == 1)
        #expect(ledger.next(person) == .repeated)
        #expect(ledger.repeats == 1 && ledger.contradictions == 0 && ledger.persons == 2)
    }

    @Test func recordsInAnotherOrderAreAContradictionToo() {
        var ledger = AnswerLedger(rules: F.rules())
        let records = [F.name("A", "B"), F.turvakielto(active: false), F.kotikunta("091")]
        _ = ledger.next(Person(hetu: "010594Y9032", records: records))
        guard case .withdraw = ledger.next(Person(hetu: "010594Y9032", records: records.reversed())) else {
            Issue.record("a reordered copy is not the same answer; fail closed")
            return
        }
    }

    @Test func aPersonWithoutTurvakieltoIsTreatedAsProtected() {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .vakinainenKotimainenOsoite, .kotikunta])
        let person = Person(hetu: "010594Y9032", records: [F.name("A", "B"), Self.address, F.kotikunta("091")])
        let result = rules.disclose(person)
        #expect(result.isProtected)
        #expect(result.failedClosed == .turvakieltoMissing)
        #expect(result.records.map(\.group) == [.henkilonNimi, .kotikunta])
        #expect(result.tally[.turvakieltoUnknown] == 1)
        #expect(result.withheld.contains(WithheldGroup(group: .vakinainenKotimainenOsoite, rule: .turvakieltoUnknown)))
        // An explicit "no ban" is what releases the address.
        let said = rules.disclose(Person(hetu: "010594Y9032", records: person.records + [F.turvakielto(active: false)]))
        #expect(!said.isProtected && said.failedClosed == nil)
        #expect(said.records.map(\.group).contains(.vakinainenKotimainenOsoite))
    }

    @Test func theReceiptCountsBothAndStaysConsistent() throws {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite])
        var ledger = AnswerLedger(rules: rules)
        var receipt = Receipt(dropID: "20261126T101500-0001", department: "kirjasto", file: "a.txt", processingDate: F.today)
        let (unbanned, banned) = Self.copies()
        for person in [unbanned, banned, Person(hetu: "020594X903P", records: [F.name("C", "D")])] {
            switch ledger.next(person) {
            case .deliver(let disclosure, _): receipt.record(disclosure)
            case .withdraw(_, let earlier, let replacement): receipt.recordWithdrawal(earlier, replacement: replacement)
            case .alreadyWithdrawn(let records): receipt.recordWithdrawnCopy(records: records)
            case .repeated: break
            }
        }
        #expect(receipt.counts.found == 2)
        #expect(receipt.counts.protected == 2)
        #expect(receipt.counts.contradicted == 1)
        #expect(receipt.counts.turvakieltoMissing == 1)
        // The withdrawn copy's three delivered records and the second copy's three: all withheld.
        #expect(receipt.withheld[.contradictoryAnswer] == 6)
        let entries = try ReceiptParser.parse(ReceiptRenderer().text(receipt))
        func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }
        #expect(value("ristiriitaiset") == "1")
        #expect(value("turvakielto-puuttui") == "1")
        #expect(entries.first { $0.key == "pidatetty" && $0.qualifier == "ristiriitainen-vastaus" }?.value == "6")
    }
}
