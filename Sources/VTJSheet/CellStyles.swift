/// The styles part, as far as reading values needs it: each cell style's number format.
struct CellStyles {
    private(set) var formats: [CellFormat] = []

    /// Cell styles beyond Excel's own maximum are read as general numbers.
    static let maximumStyles = 65_536

    init() {}

    init(_ bytes: [UInt8], part: String) throws(XLSXReadError) {
        let xml = try PartXML(bytes, part: part)
        var codes: [Int: String] = [:]
        var inCellXfs = false
        while let node = try xml.next() {
            switch node {
            case .start("numFmt", _, _):
                if let id = xml.attribute("numFmtId").flatMap({ Int($0) }), let code = xml.attribute("formatCode"),
                   codes.count < CellStyles.maximumStyles {
                    codes[id] = code
                }
            case .start("cellXfs", _, let isEmpty):
                inCellXfs = !isEmpty
            case .end("cellXfs", _):
                inCellXfs = false
            case .start("xf", _, _) where inCellXfs:
                guard formats.count < CellStyles.maximumStyles else { continue }
                let id = xml.attribute("numFmtId").flatMap { Int($0) } ?? 0
                formats.append(CellFormat.of(id: id, code: codes[id]))
            default:
                continue
            }
        }
    }

    /// The format of cell style `index` (the `s` attribute); general when unknown.
    func format(_ index: String?) -> CellFormat {
        guard let index, let number = Int(index), number >= 0, number < formats.count else { return .general }
        return formats[number]
    }
}
