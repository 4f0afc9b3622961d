/// A fixed count of small numbers, each in just the bits the largest needs (20 bits at 1,000,000,
/// not 4 bytes; issue 15 goal 3): each place's rank in a list (``HetuSequence``).
struct PackedNumbers: Sendable {
    private var words: [UInt64]
    /// Bits a number takes (1…32).
    let width: Int
    /// How many numbers.
    let count: Int

    /// `count` zeros, each able to hold up to `largest`.
    init(count: Int, largest: Int) {
        self.count = count
        width = max(1, min(32, UInt64(max(1, largest)).bitWidth - UInt64(max(1, largest)).leadingZeroBitCount))
        // One word more, so a number crossing a word's end never reads past the storage.
        words = [UInt64](repeating: 0, count: (count * width + 63) / 64 + 1)
    }

    /// The largest number that fits.
    var largest: Int { (1 << width) - 1 }

    private var mask: UInt64 { (1 << UInt64(width)) - 1 }

    subscript(index: Int) -> Int {
        get {
            precondition(index >= 0 && index < count, "PackedNumbers index out of range")
            return Int(BitReader.read(words, at: index * width, width: width))
        }
        set {
            precondition(index >= 0 && index < count && newValue >= 0 && newValue <= largest, "PackedNumbers value out of range")
            let bit = index * width
            let word = bit >> 6
            let shift = bit & 63
            let value = UInt64(newValue)
            words[word] = words[word] & ~(mask << UInt64(shift)) | value << UInt64(shift)
            if shift + width > 64 {
                let spill = UInt64(64 - shift)
                words[word + 1] = words[word + 1] & ~(mask >> spill) | value >> spill
            }
        }
    }
}
