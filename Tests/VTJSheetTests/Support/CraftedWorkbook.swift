import Foundation
import ZIPFoundation

/// Workbooks made part by part in memory (ZIPFoundation), for what no office program writes:
/// hostile packages, unusual but valid structures.
struct CraftedWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Parts in archive order: name, content, stored (not deflated).
    var parts: [(name: String, bytes: [UInt8], stored: Bool)] = []

    mutating func add(_ name: String, _ text: String, stored: Bool = false) {
        parts.append((name, Array(text.utf8), stored))
    }

    mutating func add(_ name: String, bytes: [UInt8], stored: Bool = false) {
        parts.append((name, bytes, stored))
    }

    /// Replaces (or adds) a part.
    mutating func set(_ name: String, _ text: String) {
        parts.removeAll { $0.name == name }
        add(name, text)
    }

    /// The ZIP bytes.
    func bytes() throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let data = Data(part.bytes)
            try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: part.stored ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    /// A worksheet document around `sheetData` content (rows).
    static func sheet(_ rows: String, before: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\">\(before)<sheetData>\(rows)</sheetData></worksheet>"
    }

    /// The smallest workbook: content types, relationships, a workbook with the given sheets
    /// (name → part under xl/), optional shared strings and styles.
    static func minimal(sheet: String = sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hetu</t></is></c></row>"),
                        sharedStrings: String? = nil, styles: String? = nil,
                        contentType: String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        workbookPrefix: String = "") -> CraftedWorkbook {
        var book = CraftedWorkbook()
        var overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentType)\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        var relations = "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        if sharedStrings != nil {
            overrides += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            relations += "<Relationship Id=\"rId2\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        if styles != nil {
            relations += "<Relationship Id=\"rId3\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
        }
        book.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>\(overrides)</Types>")
        book.add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        book.add("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">\(workbookPrefix)"
            + "<sheets><sheet name=\"Lista\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        book.add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relations)</Relationships>")
        book.add("xl/worksheets/sheet1.xml", sheet)
        if let sharedStrings { book.add("xl/sharedStrings.xml", sharedStrings) }
        if let styles { book.add("xl/styles.xml", styles) }
        return book
    }
}

/// Byte surgery on a ZIP for what ZIPFoundation will not write (encrypted flags, lying sizes).
enum ZIPSurgery {
    /// Offsets of every central-directory record (`PK\1\2`).
    static func centralRecords(_ bytes: [UInt8]) -> [Int] {
        (0..<(bytes.count - 4)).filter { bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 1 && bytes[$0 + 3] == 2 }
    }

    /// Offsets of every local header (`PK\3\4`).
    static func localHeaders(_ bytes: [UInt8]) -> [Int] {
        (0..<(bytes.count - 4)).filter { bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 3 && bytes[$0 + 3] == 4 }
    }

    static func write32(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }
}
