/// Cell text as SpreadsheetML stores it.
///
/// Excel reads `_xHHHH_` in any string as the UTF-16 unit HHHH (its way of storing characters
/// XML cannot carry), so a literal `_x0041_` must be written `_x005F_x0041_`; and a cell holds
/// at most 32,767 characters (UTF-16 units).
enum CellText {
    /// Excel's limit per cell, in UTF-16 units.
    static let maximumLength = 32_767

    /// `text` ready for a cell: cut to ``maximumLength`` (on a character boundary; `truncated`
    /// says so) and with every literal `_xHHHH_` escaped. Characters XML 1.0 forbids are left to
    /// XMLWriter, which writes U+FFFD for them.
    static func forWriting(_ text: String) -> (text: String, truncated: Bool) {
        var value = text
        var truncated = false
        if value.utf16.count > maximumLength {
            var units = 0
            var end = value.startIndex
            for index in value.indices {
                let next = units + value[index].utf16.count
                if next > maximumLength { break }
                units = next
                end = value.index(after: index)
            }
            value = String(value[..<end])
            truncated = true
        }
        guard value.utf8.contains(UInt8(ascii: "_")) else { return (value, truncated) }
        var escaped = ""
        var rest = Substring(value)
        while let range = rest.firstRange(of: "_x") {
            escaped += rest[..<range.lowerBound]
            escaped += isEscape(rest[range.lowerBound...]) ? "_x005F_x" : "_x"
            rest = rest[range.upperBound...]
        }
        return (escaped + rest, truncated)
    }

    /// Stored cell text with every `_xHHHH_` turned back into its character (a lone surrogate
    /// becomes U+FFFD), as Excel and LibreOffice read it.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")), text.contains("_x") else { return text }
        var units: [UInt16] = []
        var rest = Substring(text)
        while let range = rest.firstRange(of: "_x") {
            units += rest[..<range.lowerBound].utf16
            let candidate = rest[range.lowerBound...]
            if isEscape(candidate), let unit = UInt16(candidate.dropFirst(2).prefix(4), radix: 16) {
                units.append(unit)
                rest = candidate.dropFirst(7)
            } else {
                units += "_x".utf16
                rest = rest[range.upperBound...]
            }
        }
        units += rest.utf16
        return String(decoding: units, as: UTF16.self)
    }

    /// Whether `text` starts with `_x`, four hex digits and `_`.
    private static func isEscape(_ text: Substring) -> Bool {
        let bytes = text.utf8.prefix(7)
        guard bytes.count == 7, bytes.last == UInt8(ascii: "_") else { return false }
        return bytes.dropFirst(2).prefix(4).allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
    }

    /// Whether a text must carry `xml:space="preserve"` (blanks at either end, which an XML
    /// reader may otherwise drop).
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        return isBlank(first) || isBlank(last)
    }
}
