/// `xl/workbook.xml`: the sheets in workbook order and the date system.
struct WorkbookPart {
    struct Sheet {
        let name: String
        let relationship: String?
        /// Not `hidden` or `veryHidden`.
        let visible: Bool
    }

    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false

    init(_ bytes: [UInt8], part: String) throws(XLSXReadError) {
        let xml = try PartXML(bytes, part: part)
        while let node = try xml.next() {
            guard case .start(let name, _, _) = node else { continue }
            if name == "workbookPr", let value = xml.attribute("date1904") {
                date1904 = value == "1" || value.lowercased() == "true"
            } else if name == "sheet" {
                let state = xml.attribute("state") ?? "visible"
                sheets.append(Sheet(name: xml.attribute("name") ?? "", relationship: xml.relationshipAttribute("id"),
                                    visible: state == "visible"))
                guard sheets.count <= 10_000 else { throw .damaged("\(part) lists more than 10000 sheets") }
            }
        }
    }
}
