/// The shared-strings table, read within its limits (a count and a total size, whatever the
/// table claims: its `count` attributes are never trusted for allocation).
struct SharedStrings {
    private(set) var strings: [String] = []

    init() {}

    init(_ bytes: [UInt8], part: String, limits: XLSXLimits) throws(XLSXReadError) {
        let xml = try PartXML(bytes, part: part)
        var total = 0
        while let node = try xml.next() {
            guard case .start("si", let depth, let isEmpty) = node else { continue }
            guard strings.count < limits.maximumSharedStrings else {
                throw .tooManySharedStrings(limit: limits.maximumSharedStrings)
            }
            if isEmpty {
                strings.append("")
                continue
            }
            let (text, tooLong) = try xml.itemText(depth: depth, limit: limits.maximumSharedStringBytes - total)
            guard !tooLong else { throw .sharedStringsTooLarge(limit: limits.maximumSharedStringBytes) }
            total += text.utf8.count
            strings.append(text)
        }
    }

    subscript(index: Int) -> String? { index >= 0 && index < strings.count ? strings[index] : nil }
}
