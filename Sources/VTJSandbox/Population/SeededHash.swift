/// Stateless, platform-independent hashing that makes every generated value a pure function of
/// (seed, index, purpose), so a person can be built on demand without generating the others.
struct SeededHash: Sendable {
    let seed: UInt64

    init(seed: UInt64) { self.seed = seed }

    /// SplitMix64 finaliser: good avalanche, identical on every platform (unlike `Hasher`).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit value for one purpose of one subject.
    func value(_ subject: Int, _ purpose: UInt64) -> UInt64 {
        SeededHash.mix(SeededHash.mix(seed ^ purpose &* 0x2545_F491_4F6C_DD1D) &+ UInt64(bitPattern: Int64(subject)))
    }

    /// A value in `0..<bound`.
    func below(_ bound: Int, _ subject: Int, _ purpose: UInt64) -> Int {
        guard bound > 0 else { return 0 }
        return Int(value(subject, purpose) % UInt64(bound))
    }

    /// True with probability `share` (0…1).
    func chance(_ share: Double, _ subject: Int, _ purpose: UInt64) -> Bool {
        Double(value(subject, purpose) >> 11) / Double(1 << 53) < share
    }

    /// One element of a non-empty list.
    func pick<T>(_ list: [T], _ subject: Int, _ purpose: UInt64) -> T {
        list[below(list.count, subject, purpose)]
    }
}

/// A small sequential generator for the change log, seeded per simulated day.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64, stream: UInt64) { state = SeededHash.mix(seed ^ SeededHash.mix(stream)) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SeededHash.mix(state)
    }

    mutating func below(_ bound: Int) -> Int { bound > 0 ? Int(next() % UInt64(bound)) : 0 }

    mutating func chance(_ share: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < share }
}
