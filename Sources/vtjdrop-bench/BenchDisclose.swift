#if canImport(Glibc)
import Glibc
#endif
import VTJCore
import VTJXML

/// The disclosure-rules benchmark (scripts/bench-disclose): persons of the benchmark population
/// written as a perustiedotVastaus and read back by ``ResponseReader`` (the client's model, its
/// strings and arrays as the parse leaves them), then ``DisclosureRules/disclose(_:)`` for each.
/// Only the rules are timed, and only they are counted when run under callgrind with
/// `--toggle-collect=*BenchDisclose*discloseAll*`.
enum BenchDisclose {
    static func run(persons count: Int, profile: String, seed: UInt64) {
        guard let groups = BenchRender.profiles[profile] else { fail("unknown profile \(profile); use all, eleven or narrow") }
        let rules = DisclosureRules(groups: groups, purpose: .perusopetus, today: CivilDate(year: 2026, month: 11, day: 26)!)
        let persons = parsed(count: count, seed: seed)
        let started = (clockSeconds(CLOCK_MONOTONIC), clockSeconds(CLOCK_PROCESS_CPUTIME_ID))
        let disclosed = discloseAll(persons, rules)
        let (wall, cpu) = (clockSeconds(CLOCK_MONOTONIC) - started.0, clockSeconds(CLOCK_PROCESS_CPUTIME_ID) - started.1)
        var digest = Digest()
        var protected = 0
        for person in disclosed {
            digest.add(person)
            if person.isProtected { protected += 1 }
        }
        print("profile=\(profile) persons=\(disclosed.count) protected=\(protected) digest=\(String(digest.value, radix: 16)) "
            + "seconds=\(wall) cpu=\(cpu)")
    }

    /// Every person through the rules, as the runtime's workers do one at a time.
    @inline(never)
    static func discloseAll(_ persons: [Person], _ rules: DisclosureRules) -> [PersonDisclosure] {
        var disclosed: [PersonDisclosure] = []
        disclosed.reserveCapacity(persons.count)
        for person in persons { disclosed.append(rules.disclose(person)) }
        return disclosed
    }

    /// The population as the client reads it. The interface always delivers TURVAKIELTO when the
    /// rules ask for it, so a person the population gives none gets `turvakieltoAktiivinen` false
    /// (otherwise 99 % would fail closed, which is not the common path); every 100th stays protected
    /// and every 250th lacks it (fail closed).
    private static func parsed(count: Int, seed: UInt64) -> [Person] {
        var template = Array("/tmp/vtjdrop-bench-disclose-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fail("cannot create a scratch file in /tmp") }
        let path = String(cString: template)
        defer { unlink(path) }
        var population = BenchPopulation(seed: seed)
        do {
            let writer = try XMLWriter(fileDescriptor: fd, documentName: path)
            writer.startDocument()
            writer.startElement("perustiedotVastaus")
            writer.attribute("ajanTasalla", "true")
            for index in 0..<count {
                var person = population.person(index)
                if index % 250 != 7, !person.records.contains(where: { $0.group == .turvakielto }) {
                    person.records.append(Record(group: .turvakielto, fields: [.text("turvakieltoAktiivinen", "false")]))
                }
                ResponseXML.writePerson(person, to: writer)
            }
            writer.endElement()
            try writer.endDocument()
        } catch {
            fail("\(error)")
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else { fail("cannot rewind \(path)") }
        var persons: [Person] = []
        persons.reserveCapacity(count)
        do {
            let reader = try ResponseReader(fileDescriptor: fd, documentName: path)
            _ = try reader.readPerustiedot { persons.append($0) }
        } catch {
            fail("\(error)")
        }
        close(fd)
        return persons
    }

    /// FNV-1a over what a disclosure says, through public API that every revision has (equal
    /// digests before and after a change mean the same decisions and the same delivered fields).
    struct Digest {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ text: String) {
            for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
            value = (value ^ 0xff) &* 0x100_0000_01b3
        }

        mutating func add(_ person: PersonDisclosure) {
            add(person.hetu)
            add(person.isProtected ? "protected" : "open")
            add(person.failedClosed?.rawValue ?? "-")
            for withheld in person.withheld { add(withheld.description) }
            for rule in WithholdingRule.allCases { add("\(rule.rawValue)=\(person.tally[rule])") }
            add("dropped=\(person.tally.droppedFields)")
            for record in person.records {
                add(record.group.rawValue)
                add(record.change?.rawValue ?? "-")
                add(record.fields)
            }
        }

        private mutating func add(_ fields: [Field]) {
            for field in fields {
                add(field.name)
                switch field.value {
                case .text(let text): add("t" + text)
                case .date(let date): add("d" + date.text + (date.precision?.rawValue ?? "-"))
                case .bilingual(let value): add("b" + (value.fi ?? "-") + "|" + (value.sv ?? "-"))
                case .composite(let children):
                    add("(")
                    add(children)
                    add(")")
                }
            }
        }
    }
}
