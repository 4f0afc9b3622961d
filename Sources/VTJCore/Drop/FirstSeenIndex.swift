/// Where each distinct henkilötunnus of a growing list first appeared, for telling repeats apart:
/// an open-addressing table of 4-byte positions into the list, keyed by ``Henkilotunnus/key``.
///
/// A `[Henkilotunnus: Int]` of 1,000,000 codes holds 2,097,152 buckets of 24 bytes (50 MB while a
/// list is read); this holds at most four buckets of 4 bytes a code (16 MB, 8 MB at its fullest).
struct FirstSeenIndex: Sendable {
    /// A position plus one; 0 is an empty bucket.
    private var buckets: [UInt32]
    private var mask: Int
    private(set) var count = 0

    init() {
        buckets = [UInt32](repeating: 0, count: 1024)
        mask = 1023
    }

    /// The position `key` was filed under, or nil after filing it under `position` (the list's
    /// next index). `keyAt` gives the key at a position filed before.
    mutating func position(of key: UInt64, orFile position: Int, keyAt: (Int) -> UInt64) -> Int? {
        // At most half full, so probes stay short; grown before filing, while `keyAt` knows every filed position.
        if (count + 1) * 2 > buckets.count { grow(keyAt: keyAt) }
        var bucket = Self.hash(key) & mask
        while buckets[bucket] != 0 {
            let filed = Int(buckets[bucket] - 1)
            if keyAt(filed) == key { return filed }
            bucket = (bucket + 1) & mask
        }
        buckets[bucket] = UInt32(truncatingIfNeeded: position + 1)
        count += 1
        return nil
    }

    private mutating func grow(keyAt: (Int) -> UInt64) {
        let old = buckets
        buckets = [UInt32](repeating: 0, count: old.count * 2)
        mask = buckets.count - 1
        for entry in old where entry != 0 {
            var bucket = Self.hash(keyAt(Int(entry - 1))) & mask
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = entry
        }
    }

    private static func hash(_ key: UInt64) -> Int {
        let mixed = (key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 32))
    }
}
