extension Henkilotunnus {
    /// `count` distinct valid test henkilötunnus (individual number 900–999, never a real
    /// person's), birth dates 1930–2024, the same for the same `seed` (`vtjdrop hetu --generate`).
    public static func testValues(count: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(seed: seed)
        var seen: Set<String> = []
        var values: [String] = []
        // 95 years × 365 days × 100 numbers: far more than any request asks for.
        let limit = min(max(0, count), 3_000_000)
        while values.count < limit {
            let year = 1930 + Int(random.next() % 95)
            let month = 1 + Int(random.next() % 12)
            let day = 1 + Int(random.next() % UInt64(CivilDate.daysIn(month: month, year: year)))
            let number = 900 + Int(random.next() % 100)
            let datePart = two(day) + two(month) + two(year % 100)
            let value = datePart + (year < 2000 ? "-" : "A") + String(number)
                + String(checkCharacter(datePart: datePart, individualNumber: number))
            if seen.insert(value).inserted { values.append(value) }
        }
        return values
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so generated lists, jitter
/// and property tests repeat exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
