/// Reads the first worksheet of a workbook drop (`.xlsx`) as rows of text, with bounded work
/// and memory against hostile workbooks (docs/xlsx.md).
///
/// The workbook is read in memory only (never unpacked to disk). The worksheet is the first
/// visible one in workbook order, found through the package's relationships. Every part is
/// read with libxml2 without network, entities or DTDs. Cell text is what the sheet shows for
/// lists: shared and inline strings as written, integers digit for digit (never `1E+05`),
/// numbers formatted `00000` padded with their zeros, dates as `YYYY-MM-DD`, booleans as
/// `TRUE`/`FALSE`; empty cells keep their column.
public struct XLSXReader: Sendable {
    public var limits: XLSXLimits

    public init(limits: XLSXLimits = .standard) {
        self.limits = limits
    }

    /// The first worksheet of `bytes`; throws when the file is not a workbook this reader may
    /// open (encrypted, macro-enabled, damaged, over a limit…).
    public func read(_ bytes: [UInt8]) throws(XLSXReadError) -> XLSXSheet {
        try XLSXReader.checkContainer(bytes)
        let archive = try WorkbookArchive(bytes: bytes, limits: limits)
        let package = try WorkbookPackage(archive: archive)
        let styles = try package.stylesPart.flatMap { part throws(XLSXReadError) in try archive.read(part).map { ($0, part) } }
            .map { bytes, part throws(XLSXReadError) in try CellStyles(bytes, part: part) } ?? CellStyles()
        let strings = try package.sharedStringsPart.flatMap { part throws(XLSXReadError) in try archive.read(part).map { ($0, part) } }
            .map { bytes, part throws(XLSXReadError) in try SharedStrings(bytes, part: part, limits: limits) } ?? SharedStrings()
        guard let sheetBytes = try archive.read(package.sheetPart) else {
            throw .damaged("its first worksheet \(WorkbookArchive.shown(package.sheetPart)) is missing")
        }
        let reader = SheetReader(limits: limits, strings: strings, styles: styles, date1904: package.date1904)
        return XLSXSheet(name: package.sheetName, rows: try reader.rows(sheetBytes, part: package.sheetPart))
    }

    /// Whether `bytes` look like a workbook container (ZIP, or the OLE container of an
    /// encrypted or old workbook), so a drop is handed to this reader rather than read as text.
    public static func isWorkbookContainer(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: WorkbookArchive.zipSignature) || bytes.starts(with: oleSignature)
    }

    private static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Refuses what is not a ZIP: an OLE container is an encrypted workbook when it holds an
    /// `EncryptedPackage` stream (Office's password protection), an old binary file otherwise.
    private static func checkContainer(_ bytes: [UInt8]) throws(XLSXReadError) {
        if bytes.starts(with: oleSignature) {
            let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            throw contains(bytes, name) ? .encrypted : .legacyWorkbook
        }
        guard bytes.starts(with: WorkbookArchive.zipSignature) else {
            throw .notAWorkbook(bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) ? "an empty ZIP archive" : "a file of another kind")
        }
    }

    /// Whether `needle` occurs in `haystack` (one linear pass; the file is in memory anyway).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
