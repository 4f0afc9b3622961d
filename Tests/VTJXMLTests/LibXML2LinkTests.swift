import Testing
import VTJXML

/// The libxml2 system library links and is reached through the C shim.
@Suite struct LibXML2LinkTests {
    @Test func smallDocumentParsesThroughTheShim() throws {
        let xml = #"<?xml version="1.0" encoding="UTF-8"?><a x="1"><b>Äänekoski &amp; Åbo</b><c/></a>"#
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), documentName: "small.xml")
        var nodes: [XMLStreamReader.Node] = []
        var attribute: String?
        while let node = try reader.next() {
            if case .start(name: "a", _, _) = node { attribute = reader.attribute("x") }
            nodes.append(node)
        }
        #expect(attribute == "1")
        #expect(nodes == [
            .start(name: "a", depth: 0, isEmpty: false),
            .start(name: "b", depth: 1, isEmpty: false),
            .text("Äänekoski & Åbo"),
            .end(name: "b", depth: 1),
            .start(name: "c", depth: 1, isEmpty: true),
            .end(name: "a", depth: 0),
        ])
    }

    @Test func brokenDocumentReportsTheLine() throws {
        let xml = "<a>\n<b>\n</a>\n"
        let reader = try XMLStreamReader(bytes: Array(xml.utf8), documentName: "broken.xml")
        do {
            while try reader.next() != nil {}
            Issue.record("a mismatched end tag was accepted")
        } catch {
            #expect(error.document == "broken.xml")
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("broken.xml:3:"))
        }
    }
}
