/// A relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`): targets resolved to
/// part names inside the package. External targets are never followed.
struct Relationships {
    struct Relationship {
        let id: String
        /// The type's last segment (`worksheet`, `sharedStrings`); nil for unknown namespaces.
        let type: String?
        /// The part name inside the package; nil when the target leaves it.
        let target: String?
    }

    private(set) var list: [Relationship] = []

    init(_ bytes: [UInt8], part: String, base: String) throws(XLSXReadError) {
        let xml = try PartXML(bytes, part: part)
        while let node = try xml.next() {
            guard case .start("Relationship", _, _) = node, let id = xml.attribute("Id"),
                  let type = xml.attribute("Type"), let target = xml.attribute("Target") else { continue }
            let external = xml.attribute("TargetMode")?.lowercased() == "external"
            list.append(Relationship(id: id, type: WorkbookPackage.shortType(type),
                                     target: external ? nil : Relationships.resolve(target, base: base)))
            guard list.count <= 10_000 else { throw .damaged("\(part) lists more than 10000 relationships") }
        }
    }

    /// The target of the first relationship of a type.
    func first(ofType type: String) -> String? { list.first { $0.type == type && $0.target != nil }?.target }

    /// Relationship `id` when it has the type (its target nil when it leaves the package).
    func relationship(id: String?, ofType type: String) -> Relationship? {
        guard let id else { return nil }
        return list.first { $0.id == id && $0.type == type }
    }

    /// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
    static func path(for part: String) -> String {
        let folder = folder(of: part)
        return folder + "_rels/" + part.dropFirst(folder.count) + ".rels"
    }

    /// `xl/` for `xl/workbook.xml` ("" at the root).
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// A target relative to `base` (or absolute, from `/`) as a part name without the leading
    /// `/`; nil when `..` climbs out of the package or the target is a URL.
    static func resolve(_ target: String, base: String) -> String? {
        guard !target.contains("://") else { return nil }
        let joined = target.hasPrefix("/") ? target : "/" + base + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// A part name as a content-type override writes it (`/xl/workbook.xml`), without the `/`.
    static func normalised(_ name: String) -> String { resolve(name, base: "") ?? name }
}
