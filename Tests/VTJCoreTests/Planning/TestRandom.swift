// The seeded generator is VTJCore's `SeededGenerator` (also behind `Henkilotunnus.testValues`).

/// A generator that always returns the same value: 0 gives the lower jitter bound, .max the upper.
struct FixedGenerator: RandomNumberGenerator {
    let value: UInt64
    mutating func next() -> UInt64 { value }
}
