import VTJCore
import VTJSheet
import VTJXML

/// Reads a claimed file into its ``DropContent`` by name and content (`vtjdrop hetu FILE` uses it
/// too): a request document for `*.xml`; a workbook (or an encrypted or old one) whatever its
/// name, before any text decoding; otherwise a text or CSV list.
package enum DropContentReader {
    /// The content of a dropped file; a file that cannot be used at all throws the reason.
    package static func read(_ bytes: [UInt8], fileName: DropFileName) throws(DropReadError) -> DropContent {
        if fileName.fileExtension.lowercased() == "xml" {
            return try RequestDocumentReader().read(bytes, file: fileName.display)
        }
        if XLSXReader.isWorkbookContainer(bytes) { return try readWorkbook(bytes, file: fileName.display) }
        return try HetuListReader().read(bytes, file: fileName.display)
    }

    /// A workbook drop's first sheet as a list; a workbook that cannot be read is refused with
    /// the reader's reason (encrypted, macros, a zip bomb…), its row when it has one.
    static func readWorkbook(_ bytes: [UInt8], file: String) throws(DropReadError) -> DropContent {
        let sheet: XLSXSheet
        do {
            sheet = try XLSXReader().read(bytes)
        } catch {
            throw DropReadError(file: file, line: error.row, kind: .wrongFormat, message: error.message)
        }
        return try HetuListReader().read(sheet: sheet.name, rows: sheet.rows.map { ($0.number, $0.cells) }, file: file)
    }
}
