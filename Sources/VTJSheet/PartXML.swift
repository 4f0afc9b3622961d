import VTJXML

/// Reading one package part with the project's streaming reader (no network, no entities, no
/// DTD: a DOCTYPE ends the read), its errors named by part.
struct PartXML {
    let reader: XMLStreamReader
    let part: String

    init(_ bytes: [UInt8], part: String) throws(XLSXReadError) {
        self.part = WorkbookArchive.shown(part)
        do {
            reader = try XMLStreamReader(bytes: bytes, documentName: self.part)
            reader.reportsBlankText = true  // a cell of blanks is a value; callers keep text only inside values
        } catch {
            throw PartXML.refusal(error, part: self.part)
        }
    }

    /// The next node; nil at the end of the part.
    func next() throws(XLSXReadError) -> XMLStreamReader.Node? {
        do {
            return try reader.next()
        } catch {
            throw PartXML.refusal(error, part: part)
        }
    }

    func attribute(_ name: String) -> String? { reader.attribute(name) }

    /// An attribute in the relationships namespace (`r:id`), transitional or strict OOXML.
    func relationshipAttribute(_ name: String) -> String? {
        reader.attribute(name, namespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
            ?? reader.attribute(name, namespace: "http://purl.oclc.org/ooxml/officeDocument/relationships")
    }

    private static func refusal(_ error: XMLReadError, part: String) -> XLSXReadError {
        error.kind == .forbiddenConstruct
            ? .unsafeXML(part: part, line: error.line, reason: error.reason)
            : .malformedXML(part: part, line: error.line, reason: error.reason)
    }

    /// The concatenated text of a string item (`<si>` or `<is>`) the reader has just entered at
    /// `depth`: `<t>` directly inside it or inside its rich-text runs (`<r>`); phonetic hints
    /// (`<rPh>`) are not part of the text. Ends on the item's end.
    func itemText(depth: Int, limit: Int) throws(XLSXReadError) -> (text: String, tooLong: Bool) {
        var text = ""
        var inText = false
        var skipDepth: Int?
        while let node = try next() {
            switch node {
            case .start(let name, let nodeDepth, let isEmpty):
                if skipDepth == nil, name == "rPh" || name == "phoneticPr", !isEmpty { skipDepth = nodeDepth }
                if skipDepth == nil, name == "t", !isEmpty { inText = true }
            case .text(let value):
                if inText, skipDepth == nil {
                    guard text.utf8.count + value.utf8.count <= limit else { return (text, true) }
                    text += value
                }
            case .end(let name, let nodeDepth):
                if nodeDepth == depth { return (CellText.decoded(text), false) }
                if nodeDepth == skipDepth { skipDepth = nil }
                if name == "t" { inText = false }
            }
        }
        throw .malformedXML(part: part, line: reader.line, reason: "the part ends inside a string")
    }
}
