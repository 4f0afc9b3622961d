/// A dropped file's name as Linux gives it (bytes), with the forms the appliance may use.
///
/// Names are bytes on Linux and SMB mounts may hand over anything; the raw bytes are only
/// ever passed to `*at` calls relative to the inbox folder, never glued into paths.
public struct DropFileName: Hashable, Sendable, CustomStringConvertible {
    /// The name exactly as the directory holds it (no NUL, no `/`).
    public let raw: [UInt8]
    /// A printable, one-line form that maps distinct names to distinct strings: invalid UTF-8
    /// bytes become `\xHH`, control characters `\n`, `\t`, `\u{…}`, and `\` becomes `\\`.
    public let display: String

    /// The longest stem kept for output names, in UTF-8 bytes (result names add ~50 bytes).
    public static let maximumStemBytes = 120

    public init(raw: [UInt8]) {
        self.raw = raw
        self.display = DropFileName.escape(raw)
    }

    public init(_ name: String) { self.init(raw: Array(name.utf8)) }

    /// Rebuilds a name from its ``display`` form (as kept in work-folder notes and journals).
    public init(displayed: String) { self.init(raw: DropFileName.unescape(displayed)) }

    public var description: String { display }

    /// The display form for log lines: anything that reads as a henkilötunnus is masked
    /// (`010594Y***2`), since departments do name files after persons.
    public var logged: String { DropFileName.maskingHetus(in: display) }

    /// `text` with every henkilötunnus-looking run of 11 characters masked (any letter case).
    public static func maskingHetus(in text: String) -> String { maskingHetus(in: text, keeping: nil) }

    /// `text` with every henkilötunnus-looking run of 11 characters masked (any letter case),
    /// except `keep` (the one an operator asked about).
    public static func maskingHetus(in text: String, keeping keep: Henkilotunnus?) -> String {
        let chars = Array(text)
        guard chars.count >= 11 else { return text }
        var out = ""
        var index = 0
        while index < chars.count {
            // Cheap shape check first: the last log guard runs this over every line.
            if index + 11 <= chars.count, chars[index].isASCII, chars[index].isNumber,
               chars[index + 6].isASCII, Henkilotunnus.centuries[Character(chars[index + 6].uppercased())] != nil,
               let hetu = try? Henkilotunnus(String(chars[index..<index + 11]).uppercased()), hetu != keep {
                out += hetu.masked
                index += 11
                continue
            }
            out.append(chars[index])
            index += 1
        }
        return out
    }

    /// Whether the name is plain printable UTF-8 (no escapes were needed).
    public var isPlain: Bool { display.utf8.elementsEqual(raw) }

    /// The lower-cased extension without the dot (`"txt"`), or "" when there is none.
    public var fileExtension: String {
        guard let dot = display.lastIndex(of: "."), dot != display.startIndex else { return "" }
        return String(display[display.index(after: dot)...]).lowercased()
    }

    /// A stem safe for output and work file names: the name without its extension, with path,
    /// control, shell and spreadsheet-hostile characters replaced by `_`, never empty, never
    /// starting with a dot, a space or a dash, at most ``maximumStemBytes`` bytes.
    public var safeStem: String {
        var base = Substring(display)
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        var stem = ""
        for scalar in base.unicodeScalars {
            let allowed = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || "-_.+,=@ ()".unicodeScalars.contains(scalar)
            let next = allowed ? String(scalar) : "_"
            if stem.utf8.count + next.utf8.count > DropFileName.maximumStemBytes { break }
            stem += next
        }
        // A leading dash would read as an option to `rm *` or `mv *` in the department's outbox.
        while stem.hasPrefix(".") || stem.hasPrefix(" ") || stem.hasPrefix("-") { stem.removeFirst() }
        while stem.hasSuffix(" ") || stem.hasSuffix(".") { stem.removeLast() }
        return stem.isEmpty ? "drop" : stem
    }

    /// The name for the claimed copy in the work folder: `safeStem` plus the extension.
    public var safeName: String {
        let ext = fileExtension.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) })
            ? fileExtension : ""
        return ext.isEmpty || ext.utf8.count > 10 ? safeStem : safeStem + "." + ext
    }

    static func unescape(_ display: String) -> [UInt8] {
        let bytes = Array(display.utf8)
        var raw: [UInt8] = []
        var index = 0
        func hex(_ text: ArraySlice<UInt8>) -> UInt32? { UInt32(String(decoding: text, as: UTF8.self), radix: 16) }
        while index < bytes.count {
            guard bytes[index] == 0x5C, index + 1 < bytes.count else {
                raw.append(bytes[index])
                index += 1
                continue
            }
            switch bytes[index + 1] {
            case 0x5C: raw.append(0x5C); index += 2
            case 0x6E: raw.append(0x0A); index += 2
            case 0x72: raw.append(0x0D); index += 2
            case 0x74: raw.append(0x09); index += 2
            case 0x78 where index + 3 < bytes.count:
                if let value = hex(bytes[(index + 2)...(index + 3)]) { raw.append(UInt8(value)) }
                index += 4
            case 0x75:
                let close = bytes[(index + 2)...].firstIndex(of: 0x7D) ?? bytes.count
                if index + 3 < close, let value = hex(bytes[(index + 3)..<close]), let scalar = Unicode.Scalar(value) {
                    raw += Array(String(scalar).utf8)
                }
                index = close + 1
            default:
                raw.append(bytes[index])
                index += 1
            }
        }
        return raw
    }

    static func escape(_ raw: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < raw.count {
            let (scalar, length) = UTF8Scan.scalar(in: raw, at: index)
            if let scalar {
                switch scalar {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                        out += "\\u{" + String(scalar.value, radix: 16) + "}"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            } else {
                let hex = String(raw[index], radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
            index += length
        }
        return out
    }
}
