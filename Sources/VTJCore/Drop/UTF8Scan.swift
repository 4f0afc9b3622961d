/// Strict UTF-8 decoding of one scalar at a time (no overlong forms, no surrogates).
enum UTF8Scan {
    /// The scalar starting at `index` and its length; nil and length 1 for an invalid sequence.
    static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        let minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
        default: return (nil, 1)
        }
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
