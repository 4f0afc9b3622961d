/// How much work and memory one workbook drop may cost; beyond any of them the workbook is
/// refused with its own error (docs/xlsx.md says why each value).
public struct XLSXLimits: Hashable, Sendable {
    /// Entries in the ZIP directory (a workbook has about 10; each costs a directory read).
    public var maximumEntries = 1_000
    /// Bytes unpacked, all parts read together (the sheet, its strings and styles, the
    /// workbook and its relationships); every byte is counted as it is inflated.
    public var maximumUncompressedBytes = 128 << 20
    /// Unpacked size per packed byte of a part, once it is past ``ratioGraceBytes``
    /// (XML packs about 5–20 to 1; zip bombs pack thousands).
    public var maximumCompressionRatio = 100
    /// Parts smaller than this are never refused for their ratio (tiny parts pack unevenly).
    public var ratioGraceBytes = 1 << 20
    /// Entries of the shared-strings table.
    public var maximumSharedStrings = 1_000_000
    /// UTF-8 bytes of text in the shared-strings table, all strings together.
    public var maximumSharedStringBytes = 32 << 20
    /// The highest row number read (Excel's own last row).
    public var maximumRows = 1_048_576
    /// Columns per row (a list with its carried columns needs a few dozen).
    public var maximumColumns = 1_024
    /// Cells kept, empty ones between values included.
    public var maximumCells = 5_000_000

    public init() {}

    /// The limits drops are read with.
    public static let standard = XLSXLimits()
}
