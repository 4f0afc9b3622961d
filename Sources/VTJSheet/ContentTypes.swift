/// `[Content_Types].xml`: the content type of each part, by override or by extension.
struct ContentTypes {
    static let workbookTypes: Set<String> = [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    ]
    static let macroTypes: Set<String> = [
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    ]
    static let binaryType = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"

    private var overrides: [String: String] = [:]
    private var defaults: [String: String] = [:]

    init(_ bytes: [UInt8]) throws(XLSXReadError) {
        let xml = try PartXML(bytes, part: "[Content_Types].xml")
        while let node = try xml.next() {
            guard case .start(let name, _, _) = node else { continue }
            if name == "Override", let part = xml.attribute("PartName"), let type = xml.attribute("ContentType") {
                overrides[Relationships.normalised(part).lowercased()] = type
            } else if name == "Default", let ext = xml.attribute("Extension"), let type = xml.attribute("ContentType") {
                defaults[ext.lowercased()] = type
            }
        }
    }

    /// The content type of a part (`xl/workbook.xml`).
    func type(of part: String) -> String? {
        if let type = overrides[part.lowercased()] { return type }
        guard let dot = part.lastIndex(of: "."), !part[dot...].contains("/") else { return nil }
        return defaults[part[part.index(after: dot)...].lowercased()]
    }

    /// The overridden parts with one of `types`, sorted.
    func parts(of types: Set<String>) -> [String] {
        overrides.filter { types.contains($0.value) }.map(\.key).sorted()
    }

    /// Whether any content type contains `fragment`.
    func mentions(_ fragment: String) -> Bool {
        overrides.values.contains { $0.contains(fragment) } || defaults.values.contains { $0.contains(fragment) }
    }
}
