import Testing
import VTJCore
import VTJTestSupport

@Suite("MessagePlanner")
struct MessagePlannerTests {
    /// A valid test henkilötunnus (individual number 900–999) for a day offset and number.
    static func testHetu(day: Int, number: Int, sign: Character? = nil) throws -> Henkilotunnus {
        try Henkilotunnus(TestHetu.born(CivilDate(daysSinceEpoch: -20_000 + day * 3), number: number, sign: sign))
    }

    /// A random drop: `count` picks from a pool, so duplicates are common, with mixed century signs.
    static func randomDrop(count: Int, pool: Int, seed: UInt64) throws -> [Henkilotunnus] {
        var random = SeededGenerator(seed: seed)
        var result: [Henkilotunnus] = []
        for _ in 0..<count {
            let pick = Int.random(in: 0..<pool, using: &random)
            let sign: Character? = pick % 7 == 0 ? "Y" : nil
            result.append(try testHetu(day: pick / 100, number: 900 + pick % 100, sign: sign))
        }
        return result
    }

    @Test("every plan keeps the profile's rules", arguments: [
        (0, 10, UInt64(1)), (1, 1, 2), (999, 5000, 3), (1000, 100_000, 4), (1001, 100_000, 5),
        (2500, 900, 6), (7321, 20_000, 7), (12_000, 3000, 8),
    ])
    func properties(count: Int, pool: Int, seed: UInt64) throws {
        let drop = try Self.randomDrop(count: count, pool: pool, seed: seed)
        let plan = MessagePlanner().plan(hetus: drop)

        var sent: [String] = []
        for message in plan.messages {
            guard case .hetulista(let list) = message else {
                Issue.record("a hetu drop produced a kuntarajaus message")
                continue
            }
            #expect(!list.isEmpty)
            #expect(list.count <= Restriction.maxHetusPerMessage)
            sent += list
        }
        #expect(Set(sent).count == sent.count, "a hetu was planned twice")
        #expect(Set(sent) == Set(drop.map(\.value)), "union of messages differs from the input")
        #expect(plan.duplicatesDropped == drop.count - Set(drop.map(\.value)).count)
        // Stable: first-seen order of the input.
        var seen = Set<String>()
        let firstSeen = drop.map(\.value).filter { seen.insert($0).inserted }
        #expect(sent == firstSeen)
        // Full messages except the last.
        for message in plan.messages.dropLast() {
            if case .hetulista(let list) = message { #expect(list.count == Restriction.maxHetusPerMessage) }
        }
    }

    @Test("the century sign keeps two people apart")
    func centurySignsAreDifferentPeople() throws {
        let check = Henkilotunnus.checkCharacter(datePart: "010190", individualNumber: 999)
        let dash = try Henkilotunnus("010190-999\(check)")
        let y = try Henkilotunnus("010190Y999\(check)")
        let plan = MessagePlanner().plan(hetus: [dash, y, dash])
        #expect(plan.messages == [.hetulista([dash.value, y.value])])
        #expect(plan.duplicatesDropped == 1)
    }

    @Test("hetus and municipalities are never mixed in one message")
    func noMixing() throws {
        let a = try Henkilotunnus("010594Y9032")
        let b = try Henkilotunnus("010516B903X")
        let plan = MessagePlanner(maxHetusPerMessage: 1).plan([
            .municipality("091"), .hetu(a), .municipality("049"), .hetu(b), .municipality("091"), .hetu(a),
        ])
        #expect(plan.messages == [.hetulista(["010594Y9032"]), .hetulista(["010516B903X"]), .kuntarajaus(["091", "049"])])
        #expect(plan.duplicatesDropped == 2)
    }

    @Test("all licensed municipalities make one empty kuntarajaus")
    func licensedMunicipalities() {
        let plan = MessagePlanner().plan([.municipality("091"), .licensedMunicipalities, .licensedMunicipalities])
        #expect(plan.messages == [.kuntarajaus([])])
        #expect(MessagePlanner().plan([]).messages.isEmpty)
    }

    @Test("limits outside the server's range are clamped", arguments: [(-5, 1), (0, 1), (1, 1), (250, 250), (1000, 1000), (5000, 1000)])
    func clamping(requested: Int, effective: Int) throws {
        #expect(MessagePlanner(maxHetusPerMessage: requested).maxHetusPerMessage == effective)
        let drop = try Self.randomDrop(count: 3000, pool: 1_000_000, seed: 9)
        let plan = MessagePlanner(maxHetusPerMessage: requested).plan(hetus: drop)
        let unique = Set(drop.map(\.value)).count
        #expect(plan.messages.count == (unique + effective - 1) / effective)
    }
}
