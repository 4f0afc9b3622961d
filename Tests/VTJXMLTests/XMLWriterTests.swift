import Foundation
import Testing
import VTJXML

/// The general writer another module uses for result files.
struct XMLWriterTests {
    @Test func escapingAndUTF8() throws {
        let writer = XMLWriter(indent: false)
        writer.startDocument()
        writer.startElement("tulos")
        writer.attribute("nimi", "Åsa \"O'Brien\" <&>\n\t\r")
        writer.element("teksti", text: "ä ö å <&> ]]> 'x' \"y\"\r\n")
        writer.comment("a -- b -")
        writer.element("tyhja", text: "")
        writer.endElement()
        try writer.endDocument()
        let text = Fixture.text(try writer.bytes())
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(text.contains("<teksti>ä ö å &lt;&amp;&gt; ]]&gt; 'x' &quot;y&quot;&#13;\n</teksti>"))
        #expect(text.contains("nimi=\"Åsa &quot;O'Brien&quot; &lt;&amp;&gt;&#10;&#9;&#13;\""))
        #expect(text.contains("<!--a - - b - -->"))
        #expect(text.contains("<tyhja></tyhja>"))
        // And libxml2 reads back exactly what was given.
        let reader = try XMLStreamReader(bytes: try writer.bytes(), documentName: "w")
        var texts: [String] = []
        var attribute: String?
        while let node = try reader.next() {
            if case .start(name: "tulos", _, _) = node { attribute = reader.attribute("nimi") }
            if case .text(let text) = node { texts.append(text) }
        }
        #expect(attribute == "Åsa \"O'Brien\" <&>\n\t\r")
        #expect(texts == ["ä ö å <&> ]]> 'x' \"y\"\r\n"])
    }

    @Test(arguments: ["", "1abc", "a b", "a<b", "-x", "x:y", "a&b", "a\"b"])
    func invalidNamesFailTheDocument(name: String) {
        let writer = XMLWriter()
        writer.startElement("juuri")
        writer.startElement(name)
        writer.element("myohemmin", text: "ei kirjoiteta")
        #expect(writer.failure != nil)
        #expect(throws: XMLWriteError.self) { try writer.endDocument() }
        #expect(throws: XMLWriteError.self) { try writer.bytes() }
    }

    @Test(arguments: ["a", "_x", "ääkkönen", "kieli-koodi", "x.y", "nimiUTF8", "Жанна", "a·b"])
    func validNamesAreAccepted(name: String) throws {
        let writer = XMLWriter()
        writer.element(name, text: "x")
        try writer.endDocument()
        #expect(Fixture.text(try writer.bytes()).contains("<\(name)>x</\(name)>"))
    }

    @Test func unbalancedEndIsAFailure() {
        let writer = XMLWriter()
        writer.endElement()
        #expect(writer.failure?.reason.contains("endElement") == true)
    }

    @Test func endDocumentClosesOpenElements() throws {
        let writer = XMLWriter(indent: false)
        writer.startDocument()
        writer.startElement("a")
        writer.startElement("b")
        writer.text("t")
        try writer.endDocument()
        #expect(Fixture.text(try writer.bytes()).hasSuffix("<a><b>t</b></a>\n"))
    }

    @Test func writesToAFileDescriptor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtjxml-w-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tulos.xml").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        try #require(fd >= 0)
        let writer = try XMLWriter(fileDescriptor: fd, documentName: path)
        writer.startDocument()
        writer.startElement("tulos")
        for index in 0..<10_000 { writer.element("rivi", text: "Äijä \(index) <&>") }
        writer.endElement()
        try writer.endDocument()
        #expect(throws: XMLWriteError.self) { try writer.bytes() }
        close(fd)
        let reader = try XMLStreamReader(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), documentName: path)
        var rows = 0
        while let node = try reader.next() { if case .text(let text) = node, text.hasPrefix("Äijä ") { rows += 1 } }
        #expect(rows == 10_000)
    }

    @Test func aFullDiskIsReported() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0, "/dev/full is needed for this test")
        defer { close(fd) }
        let writer = try XMLWriter(fileDescriptor: fd, documentName: "/dev/full")
        writer.startDocument()
        writer.startElement("tulos")
        for _ in 0..<10_000 { writer.element("rivi", text: "tietoa joka ei mahdu levylle") }
        writer.endElement()
        #expect(throws: XMLWriteError.self) { try writer.endDocument() }
        #expect(writer.failure?.reason.contains("disk full") == true)
    }
}
