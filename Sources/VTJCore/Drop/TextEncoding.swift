/// The encoding a dropped text file was read in (reported in receipts).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LEBOM = "UTF-16LE with BOM"
    case utf16BEBOM = "UTF-16BE with BOM"
    case utf16LE = "UTF-16LE without BOM"
    case utf16BE = "UTF-16BE without BOM"
    case windows1252 = "Windows-1252"

    public var description: String { rawValue }
}
