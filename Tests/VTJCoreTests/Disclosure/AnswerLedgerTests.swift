import Testing
import VTJTestSupport
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

    /// A list's ledger finds persons by their position among the list's codes instead of by
    /// string; it must judge every copy exactly as the ledger by string does.
    @Test func aListsLedgerByPositionJudgesEveryCopyAsTheLedgerByStringDoes() throws {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite])
        let listed = TestHetu.distinct(400).map(\.value)
        let index = HenkilotunnusKeys(TestHetu.distinct(400))
        var byPosition = AnswerLedger(rules: rules, index: index)
        var byString = AnswerLedger(rules: rules)
        var random = SeededGenerator(seed: 1513)
        // Listed persons, a valid code nobody listed, a string that is no code and a listed code in
        // lower case (another text: another person, as before), with repeats and contradictions.
        let hetus = listed + [TestHetu.distinct(1, offset: 5000)[0].value, "not-a-hetu", listed[3].lowercased()]
        for _ in 0..<3000 {
            let hetu = hetus[Int.random(in: 0..<hetus.count, using: &random)]
            let banned = Int.random(in: 0..<40, using: &random) == 0
            let person = Person(hetu: hetu, records: [F.name("A", "B"), F.turvakielto(active: banned), Self.address])
            #expect(byPosition.next(person) == byString.next(person), "\(Henkilotunnus.mask(hetu))")
        }
        #expect(byPosition.persons == byString.persons && byPosition.repeats == byString.repeats)
        #expect(byPosition.contradictions == byString.contradictions && byPosition.contradictions > 0)
    }

    /// Persons nobody listed (passive codes) take slots too, found by code, and push the listed
    /// persons' slots past the list's own length: both are judged as the ledger by string judges them.
    @Test func slotsBeyondThePackedWidthAreFoundByCode() throws {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite])
        let listed = TestHetu.distinct(3)
        let unlisted = TestHetu.distinct(40, offset: 5000).map(\.value)
        var byPosition = AnswerLedger(rules: rules, index: HenkilotunnusKeys(listed))
        var byString = AnswerLedger(rules: rules)
        var random = SeededGenerator(seed: 77)
        // The unlisted first: the listed codes' slots (40 and up) do not fit in 3 bits.
        let order = unlisted + listed.map(\.value) + (0..<400).map { _ in (unlisted + listed.map(\.value)).randomElement(using: &random)! }
        for hetu in order {
            let banned = Int.random(in: 0..<30, using: &random) == 0
            let person = Person(hetu: hetu, records: [F.name("A", "B"), F.turvakielto(active: banned), Self.address])
            #expect(byPosition.next(person) == byString.next(person), "\(Henkilotunnus.mask(hetu))")
        }
        #expect(byPosition.persons == 43 && byPosition.persons == byString.persons)
        #expect(byPosition.repeats == byString.repeats && byPosition.contradictions == byString.contradictions)
    }

    /// A withdrawn copy reports the records it delivered and whether it was protected, at every
    /// record count: those a person's one-byte note holds (up to 62), just past them, and past 16 bits.
    @Test func aWithdrawnCopyReportsItsRecordsAtEveryCount() throws {
        let rules = F.rules(purpose: .kirjasto, groups: [.henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite])
        let counts = [0, 1, 61, 62, 63, 64, 300, 70_000]
        let codes = TestHetu.distinct(counts.count)
        var ledger = AnswerLedger(rules: rules, index: HenkilotunnusKeys(codes))
        for (index, names) in counts.enumerated() {
            let banned = index % 2 == 1
            let first = Person(hetu: codes[index].value,
                               records: [F.turvakielto(active: banned)] + Array(repeating: F.name("A", "B"), count: names))
            guard case .deliver(let disclosure, let slot) = ledger.next(first) else {
                Issue.record("the first copy of \(names) names was not delivered")
                continue
            }
            #expect(disclosure.records.count >= names && disclosure.isProtected == banned)
            let second = Person(hetu: codes[index].value, records: first.records + [Self.address])
            guard case .withdraw(let withdrawn, let earlier, _) = ledger.next(second) else {
                Issue.record("the second copy of \(names) names was not a contradiction")
                continue
            }
            #expect(withdrawn == slot)
            #expect(earlier == AnswerLedger.EarlierCopy(wasProtected: banned,
                                                        deliveredRecords: Int(UInt16(clamping: disclosure.records.count))),
                    "\(names) names")
            #expect(ledger.next(second) == .alreadyWithdrawn(records: second.records.count))
        }
    }

    /// Numbers of every width, across word ends, read back as written, neighbours untouched.
    @Test func packedNumbersReadBackWhatWasWritten() {
        var random = SeededGenerator(seed: 3)
        for largest in [1, 2, 3, 7, 8, 1000, 1_048_577, Int(UInt32.max)] {
            var packed = PackedNumbers(count: 300, largest: largest)
            var plain = [Int](repeating: 0, count: 300)
            #expect(packed.largest >= largest && packed.largest < 2 * largest + 2)
            for _ in 0..<2000 {
                let index = Int.random(in: 0..<300, using: &random)
                let value = Int.random(in: 0...largest, using: &random)
                packed[index] = value
                plain[index] = value
            }
            #expect((0..<300).map { packed[$0] } == plain, "largest \(largest)")
        }
    }
}
