/// Strict UTF-8 decoding of one scalar at a time (no overlong forms, no surrogates).
enum UTF8Scan {
    /// The scalar starting at `index` and its length; nil and length 1 for an invalid sequence.
    static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = sequenceLength(lead: lead)
        guard length > 1 else { return (nil, 1) }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        // The lead's payload: 5, 4 or 3 bits for 2-, 3- and 4-byte sequences.
        var value = UInt32(lead) & (0x7F >> UInt32(length))
        guard index + length <= bytes.count else { return (nil, 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value),
              let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }

    /// The length of the sequence a lead byte starts: 2, 3 or 4; 1 for an ASCII byte or for one that
    /// can lead none (a continuation byte, 0xC0, 0xC1, 0xF5–0xFF: ``scalar(in:at:)`` refuses those).
    static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// Whether every byte from `start` on belongs to a valid UTF-8 sequence.
    static func isValid(_ bytes: [UInt8], from start: Int = 0) -> Bool {
        var index = start
        while index < bytes.count {
            // ASCII runs are the common case: skip them without decoding.
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = scalar(in: bytes, at: index)
            guard scalar != nil else { return false }
            index += length
        }
        return true
    }
}
