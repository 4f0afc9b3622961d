/// The package structure of a workbook: what its main part is (by content type, through the
/// package relationships) and where its first worksheet, shared strings and styles are
/// (through the workbook's relationships, never by guessing file names).
struct WorkbookPackage {
    /// The worksheet read: its name and part.
    let sheetName: String
    let sheetPart: String
    let sharedStringsPart: String?
    let stylesPart: String?
    /// `<workbookPr date1904="1">`: serials count from 1904-01-01.
    let date1904: Bool

    private static let relationshipTypes = ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                                            "http://purl.oclc.org/ooxml/officeDocument/relationships/"]

    init(archive: WorkbookArchive) throws(XLSXReadError) {
        guard let typesBytes = try archive.read("[Content_Types].xml") else {
            throw WorkbookPackage.whatElse(archive)
        }
        let types = try ContentTypes(typesBytes)
        let rootRelationships = try archive.read("_rels/.rels").map { bytes throws(XLSXReadError) in
            try Relationships(bytes, part: "_rels/.rels", base: "")
        }
        let office = rootRelationships?.first(ofType: "officeDocument")
        guard let workbook = office ?? types.parts(of: ContentTypes.workbookTypes).first else {
            throw WorkbookPackage.whatElse(archive, types: types)
        }
        switch types.type(of: workbook) {
        case let type? where ContentTypes.workbookTypes.contains(type): break
        case let type? where ContentTypes.macroTypes.contains(type): throw .macroWorkbook
        case ContentTypes.binaryType?: throw .binaryWorkbook
        default: throw WorkbookPackage.whatElse(archive, types: types)
        }
        // A plain workbook never carries a VBA project; one that does is a renamed .xlsm.
        if archive.containsPart(endingWith: "vbaproject.bin") { throw .macroWorkbook }
        guard let workbookBytes = try archive.read(workbook) else { throw .damaged("its workbook part \(workbook) is missing") }
        let book = try WorkbookPart(workbookBytes, part: workbook)
        let relationshipsPath = Relationships.path(for: workbook)
        guard let relationshipBytes = try archive.read(relationshipsPath) else {
            throw .damaged("its workbook has no relationships part (\(relationshipsPath))")
        }
        let relationships = try Relationships(relationshipBytes, part: relationshipsPath, base: Relationships.folder(of: workbook))
        let worksheets = book.sheets.compactMap { sheet -> (WorkbookPart.Sheet, Relationships.Relationship)? in
            relationships.relationship(id: sheet.relationship, ofType: "worksheet").map { (sheet, $0) }
        }
        guard let (sheet, relationship) = worksheets.first(where: { $0.0.visible }) ?? worksheets.first else { throw .noWorksheet }
        guard let part = relationship.target else {
            throw .damaged("its sheet \(WorkbookArchive.shown(sheet.name)) points outside the workbook")
        }
        sheetName = sheet.name
        sheetPart = part
        sharedStringsPart = relationships.first(ofType: "sharedStrings")
        stylesPart = relationships.first(ofType: "styles")
        date1904 = book.date1904
    }

    /// What a ZIP without a workbook main part is.
    private static func whatElse(_ archive: WorkbookArchive, types: ContentTypes? = nil) -> XLSXReadError {
        if archive.containsPart(endingWith: "vbaproject.bin") { return .macroWorkbook }
        if let types {
            if !types.parts(of: ContentTypes.macroTypes).isEmpty { return .macroWorkbook }
            if !types.parts(of: [ContentTypes.binaryType]).isEmpty { return .binaryWorkbook }
            if types.mentions("wordprocessingml") { return .notAWorkbook("a Word document (.docx)") }
            if types.mentions("presentationml") { return .notAWorkbook("a PowerPoint presentation (.pptx)") }
        }
        if archive.contains("mimetype"), let bytes = try? archive.read("mimetype") {
            let mimetype = String(decoding: bytes.prefix(100), as: UTF8.self)
            if mimetype.contains("opendocument.spreadsheet") { return .notAWorkbook("an OpenDocument spreadsheet (.ods)") }
            if mimetype.contains("opendocument") { return .notAWorkbook("an OpenDocument file") }
        }
        return .notAWorkbook("a ZIP archive")
    }

    /// The last segment of a relationship type (`…/relationships/worksheet` → `worksheet`).
    static func shortType(_ type: String) -> String? {
        for prefix in relationshipTypes where type.hasPrefix(prefix) { return String(type.dropFirst(prefix.count)) }
        return nil
    }
}
