extension XMLWriter {
    /// Whether `name` is an XML 1.0 (fifth edition) name without a prefix: every element name a
    /// parser accepts, so anything read can be written again.
    static func isValidName(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isNameStart(first.value) else { return false }
        while let scalar = scalars.next() {
            guard isNameStart(scalar.value) || isNameOnly(scalar.value) else { return false }
        }
        return true
    }

    private static func isNameStart(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
            0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
            0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default: false
        }
    }

    private static func isNameOnly(_ v: UInt32) -> Bool {
        switch v {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: false
        }
    }

    /// `text` with every character XML 1.0 cannot carry replaced by U+FFFD.
    static func xmlSafe(_ text: String) -> String {
        if isXMLSafe(text.utf8) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    private static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Fast check over UTF-8: no C0 control except tab/LF/CR, no U+FFFE/U+FFFF (EF BF BE/BF).
    private static func isXMLSafe(_ utf8: String.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD { return false }
            if previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF) { return false }
            previous = (previous.1, byte)
        }
        return true
    }
}
