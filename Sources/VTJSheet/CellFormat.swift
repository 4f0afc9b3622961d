import Foundation

/// What a numeric cell's number format means for its text: a date, digits padded with zeros
/// (`00000` keeps postcode 00723 as the clerk sees it), or the number itself.
enum CellFormat: Hashable, Sendable {
    case general
    case date
    case zeroPadded(digits: Int)

    /// The format of a built-in id or a custom format code.
    static func of(id: Int, code: String?) -> CellFormat {
        switch id {
        case 14...22, 45...47: return .date
        case 1: return .zeroPadded(digits: 1)
        default: break
        }
        guard let code else { return .general }
        return classify(code)
    }

    /// Reads the first section of a format code, ignoring quoted text, escaped characters,
    /// colours and locales in brackets; elapsed-time brackets (`[h]`) make it a number.
    static func classify(_ code: String) -> CellFormat {
        var plain = ""
        var quoted = false
        var bracket: String?
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if var open = bracket {
                if character == "]" {
                    let inner = open.lowercased()
                    if !inner.isEmpty, inner.allSatisfy({ "hms".contains($0) }) { return .general }
                    bracket = nil
                } else {
                    open.append(character)
                    bracket = open
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case "\\", "_", "*": escaped = true
            case "[": bracket = ""
            case ";": return classifyPlain(plain)
            default: plain.append(character)
            }
        }
        return classifyPlain(plain)
    }

    private static func classifyPlain(_ plain: String) -> CellFormat {
        let lower = plain.lowercased()
        if !lower.isEmpty, lower.allSatisfy({ $0 == "0" }) { return .zeroPadded(digits: lower.count) }
        if lower.contains("y") || lower.contains("d") { return .date }
        if lower.contains("m") && !lower.contains("h") && !lower.contains("s") && !lower.contains("0") && !lower.contains("#") {
            return .date
        }
        return .general
    }

    /// The text of a stored number (`<v>` of a numeric cell) as the sheet shows it, without
    /// ever mangling digits: integers stay exactly as stored (no `1e5`, no `.0`), other numbers
    /// get at most 15 significant digits as Excel shows them; dates become `YYYY-MM-DD`.
    func text(of stored: String, date1904: Bool) -> String {
        let raw = stored.trimmingCharacters(in: .whitespaces)
        let isInteger = !raw.isEmpty && raw.utf8.enumerated().allSatisfy { index, byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (index == 0 && byte == UInt8(ascii: "-") && raw.utf8.count > 1)
        }
        switch self {
        case .date:
            if let value = Double(raw), let date = ExcelDate.text(ofSerial: value, date1904: date1904) { return date }
        case .zeroPadded(let digits):
            if let integer = CellFormat.integerText(raw, isInteger: isInteger), !integer.hasPrefix("-") {
                return String(repeating: "0", count: max(0, digits - integer.count)) + integer
            }
        case .general:
            break
        }
        if let integer = CellFormat.integerText(raw, isInteger: isInteger) { return integer }
        guard let value = Double(raw), value.isFinite else { return raw }
        let text = String(format: "%.15G", value)
        guard !text.contains("E") else { return text.replacing("E+0", with: "E+").replacing("E-0", with: "E-") }
        return text
    }

    /// A stored integer as digits: as stored, or from a whole number written with a fraction
    /// or exponent (`100000.0`, `1E5`) while exact (below 10^15).
    private static func integerText(_ raw: String, isInteger: Bool) -> String? {
        if isInteger { return raw }
        guard let value = Double(raw), value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return String(Int64(value))
    }
}
