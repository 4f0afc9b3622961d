import Testing
import VTJXML

/// Prefixed names for formats that fix their prefixes (Office packages), written and read by
/// namespace: the writer checks each half, the reader matches the namespace's URI, not its prefix.
@Suite struct XMLPrefixedNameTests {
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    @Test func prefixedElementsAndAttributesAreWrittenAndDeclared() throws {
        let writer = XMLWriter(indent: false)
        writer.startDocument()
        writer.startElement(prefix: "cp", "coreProperties")
        writer.attribute(prefix: "xmlns", "cp", "urn:cp")
        writer.element(prefix: "cp", "creator", text: "vtjdrop")
        writer.startElement("t")
        writer.attribute(prefix: "xml", "space", "preserve")
        writer.text("  kaksi  ")
        writer.endElement()
        writer.endElement()
        try writer.endDocument()
        let text = String(decoding: try writer.bytes(), as: UTF8.self)
        #expect(text.contains("<cp:coreProperties xmlns:cp=\"urn:cp\"><cp:creator>vtjdrop</cp:creator><t xml:space=\"preserve\">  kaksi  </t></cp:coreProperties>"))
    }

    @Test(arguments: [("", "x"), ("a:b", "x"), ("1a", "x"), ("a", "b:c"), ("a", "")])
    func eachHalfMustBeAName(prefix: String, name: String) {
        let writer = XMLWriter()
        writer.startElement(prefix: prefix, name)
        #expect(writer.failure != nil)
        let other = XMLWriter()
        other.startElement("x")
        other.attribute(prefix: prefix, name, "v")
        #expect(other.failure != nil)
    }

    @Test func namespacedAttributesAreFoundByURIWhateverThePrefix() throws {
        let document = "<w xmlns:r=\"\(Self.relationships)\" xmlns:s=\"\(Self.relationships)\" xmlns:o=\"urn:other\">"
            + "<a r:id=\"rId1\"/><b s:id=\"rId2\" id=\"plain\"/><c o:id=\"rId3\"/><d r:id=\"a&amp;b\"/></w>"
        let reader = try XMLStreamReader(bytes: Array(document.utf8), documentName: "w.xml")
        var found: [String] = []
        while let node = try reader.next() {
            if case .start(let name, _, _) = node, name != "w" {
                found.append(name + "=" + (reader.attribute("id", namespace: Self.relationships) ?? "none"))
            }
        }
        #expect(found == ["a=rId1", "b=rId2", "c=none", "d=a&b"])
    }

    @Test func blankTextIsReportedOnlyWhenAsked() throws {
        let document = Array("<r>\n  <t>  </t>\n  <t> x </t>\n</r>".utf8)
        func texts(_ blanks: Bool) throws -> [String] {
            let reader = try XMLStreamReader(bytes: document, documentName: "r.xml")
            reader.reportsBlankText = blanks
            var texts: [String] = []
            while let node = try reader.next() { if case .text(let text) = node { texts.append(text) } }
            return texts
        }
        #expect(try texts(false) == [" x "])
        #expect(try texts(true) == ["\n  ", "  ", "\n  ", " x ", "\n"])
    }
}
