import Testing
@testable import VTJCore

/// The compact forms of a list (issue 15's memory bound): a code stores only its value, its
/// key is unique among valid codes, and a key set answers exactly what a set of the values would.
@Suite struct HenkilotunnusKeysTests {
    typealias Generator = HenkilotunnusPropertyTests.SplitMix64

    static func randomCodes(_ count: Int, seed: UInt64) -> [Henkilotunnus] {
        var rng = Generator(seed: seed)
        return (0..<count).map { _ in try! Henkilotunnus(HenkilotunnusPropertyTests.randomValid(&rng)) }
    }

    @Test func dateAndNumberAreReadFromTheValueAsTheValidatorReadThem() throws {
        for code in Self.randomCodes(3000, seed: 14) {
            let text = Array(code.value)
            let century = Henkilotunnus.centuries[text[6]]!
            let expected = CivilDate(year: century + Int(String(text[4...5]))!, month: Int(String(text[2...3]))!, day: Int(String(text[0...1]))!)
            #expect(code.birthDate == expected, "\(code.masked)")
            #expect(code.individualNumber == Int(String(text[7...9]))!)
        }
        #expect(MemoryLayout<Henkilotunnus>.size == MemoryLayout<String>.size, "a code stores its value only")
    }

    @Test func keysAreUniqueAmongValidCodesAndTellCenturySignsApart() throws {
        let codes = Self.randomCodes(20000, seed: 15)
        var byKey: [UInt64: String] = [:]
        for code in codes {
            if let earlier = byKey.updateValue(code.value, forKey: code.key) {
                #expect(earlier == code.value, "two codes, one key")
            }
        }
        // The same digits with another century sign is another person, and another key.
        let dash = try Henkilotunnus("010190-999W")
        let y = try Henkilotunnus("010190Y999W")
        #expect(dash.key != y.key)
    }

    @Test func aKeySetAnswersAsASetOfValuesWould() {
        let listed = Self.randomCodes(5000, seed: 16)
        let others = Self.randomCodes(5000, seed: 17)
        let keys = HenkilotunnusKeys(listed + listed.prefix(100))
        let values = Set(listed.map(\.value))
        #expect(keys.count == values.count)
        for code in listed + others {
            #expect(keys.contains(code) == values.contains(code.value), "\(code.masked)")
        }
        var positions = Set<Int>()
        for code in listed { positions.insert(keys.position(of: code.key)!) }
        #expect(positions == Set(0..<keys.count), "one position per distinct code")
        #expect(HenkilotunnusKeys([Henkilotunnus]()).count == 0)
    }

    @Test func theTextsMadeFromTheKeysAreTheDistinctCodes() throws {
        let listed = Self.randomCodes(5000, seed: 18) + [try Henkilotunnus("010190-999W"), try Henkilotunnus("010190Y999W")]
        let keys = HenkilotunnusKeys(listed + listed.suffix(300))
        var texts: [String] = []
        keys.forEachText { texts.append($0) }
        #expect(texts.count == keys.count)
        #expect(Set(texts) == Set(listed.map(\.value)), "every distinct code once, exactly as validated")
        let madeKeys = try texts.map { try Henkilotunnus($0).key }
        #expect(madeKeys == madeKeys.sorted(), "in the keys' order")
    }

    /// A drop's list holds only keys (`HetuSequence`): every code, of every century sign, must
    /// come back from its key as exactly the value it was read as, or a result row would name
    /// someone else.
    @Test func aListHeldAsKeysGivesBackEveryValueExactly() throws {
        let codes = Self.randomCodes(20000, seed: 17)
        let list = HetuSequence(codes)
        #expect(list.map(\.key) == codes.map(\.key))
        #expect(list.map(\.value) == codes.map(\.value))
        #expect(Set(codes.map { Array($0.value)[6] }).count == Henkilotunnus.centuries.count, "every century sign drawn")
        #expect(Array(list.chunks(ofCount: 999).joined()) == codes)
        var texts: [String] = []
        HenkilotunnusKeys(list).forEachText { texts.append($0) }
        #expect(texts == Set(codes.map(\.value)).sorted { try! Henkilotunnus($0).key < Henkilotunnus($1).key })
    }
}
