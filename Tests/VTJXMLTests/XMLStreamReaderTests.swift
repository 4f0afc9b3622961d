import Foundation
import Testing
import VTJXML

/// The reader is a pull reader over libxml2's push parser (CXMLShim): the bytes go in 64 KiB at
/// a time and each chunk's nodes are queued. These pin what xmlTextReader, which it replaced,
/// gave for free: whole text nodes across chunk borders, `<x/>` as one node, decoded attribute
/// values, and the limits its tree builder enforced (depth, text node size).
struct XMLStreamReaderTests {
    static func nodes(_ text: String) throws(XMLReadError) -> [XMLStreamReader.Node] {
        try nodes(XMLStreamReader(bytes: Array(text.utf8), documentName: "t.xml"))
    }

    static func nodes(_ reader: XMLStreamReader) throws(XMLReadError) -> [XMLStreamReader.Node] {
        var nodes: [XMLStreamReader.Node] = []
        while let node = try reader.next() { nodes.append(node) }
        return nodes
    }

    @Test func anEmptyElementTagIsOneNodeAndAnEmptyPairIsTwo() throws {
        #expect(try Self.nodes("<a><b></b><c/><d\n/><e ></e ></a>") == [
            .start(name: "a", depth: 0, isEmpty: false),
            .start(name: "b", depth: 1, isEmpty: false), .end(name: "b", depth: 1),
            .start(name: "c", depth: 1, isEmpty: true),
            .start(name: "d", depth: 1, isEmpty: true),
            .start(name: "e", depth: 1, isEmpty: false), .end(name: "e", depth: 1),
            .end(name: "a", depth: 0),
        ])
    }

    @Test func textIsOneNodeWhateverItIsMadeOf() throws {
        // References and CDATA join the text around them; a comment or PI ends a text node.
        #expect(try Self.nodes("<a>w&amp;&#x41;<![CDATA[<q>]]>v<!--c-->x<?p i?>y</a>") == [
            .start(name: "a", depth: 0, isEmpty: false), .text("w&A<q>v"), .text("x"), .text("y"), .end(name: "a", depth: 0),
        ])
    }

    @Test func attributeValuesAreDecodedOnce() throws {
        // libxml2 hands "&" over re-escaped as "&#38;" (for its own tree builder); "&amp;#38;"
        // in the document is the text "&#38;" and must stay so.
        let reader = try XMLStreamReader(
            bytes: Array(#"<e x="a&amp;b&#38;c&lt;&#60;&#x26;#38;" y="&amp;#38;" z="1&#9;2&#10;3" w="t\#tu"/>"#.utf8),
            documentName: "a.xml")
        _ = try reader.next()
        #expect(reader.attribute("x") == "a&b&c<<&#38;")
        #expect(reader.attribute("y") == "&#38;")
        #expect(reader.attribute("z") == "1\t2\n3") // character references survive normalisation
        #expect(reader.attribute("w") == "t u") // a literal tab does not
        #expect(reader.attribute("v") == nil)
    }

    /// A text longer than a chunk, with two-byte letters falling on every chunk border, and an
    /// element start split by a border: read from a descriptor and from memory alike.
    @Test func nodesSpanningChunkBordersComeOutWhole() throws {
        let long = String(repeating: "äb", count: 150_000) // 450,000 bytes
        var text = "<r>"
        for index in 0..<3000 { text += "<v n=\"\(index)\">\(index % 7 == 0 ? "" : "ö\(index)")</v>" }
        text += "<t>\(long)</t><w a=\"\(String(repeating: "x", count: 70_000))\"/></r>"
        let file = try TemporaryFile(bytes: Array(text.utf8))
        let fromFile = try Self.nodes(XMLStreamReader(fileDescriptor: file.descriptor, documentName: "f.xml"))
        let fromMemory = try Self.nodes(text)
        #expect(fromFile == fromMemory)
        #expect(fromFile.count == 2 + 3000 * 2 + (3000 - 429) + 3 + 1)
        #expect(fromFile.contains(.text(long)))
        #expect(fromFile.contains(.text("ö2999")))
    }

    @Test func libxml2sDepthLimitHolds() throws {
        func nested(_ levels: Int) -> String { String(repeating: "<a>", count: levels) + String(repeating: "</a>", count: levels) }
        #expect(try Self.nodes(nested(257)).count == 2 * 257)
        #expect(throws: XMLReadError.self) { _ = try Self.nodes(nested(258)) }
        do {
            _ = try Self.nodes(nested(10_000))
            Issue.record("10,000 nested elements were accepted")
        } catch {
            #expect(error.reason.contains("depth"))
            #expect(error.kind == .malformed)
        }
    }

    @Test func aTextNodeBeyondLibxml2sLimitIsAnError() throws {
        let limit = 10_000_000
        let exact = "<a>" + String(repeating: "x", count: limit) + "</a>"
        #expect(try Self.nodes(exact).count == 3)
        do {
            _ = try Self.nodes("<a>" + String(repeating: "x", count: limit + 1) + "</a>")
            Issue.record("a text node over the limit was accepted")
        } catch {
            #expect(error.reason.contains("10,000,000"))
        }
    }

    /// Every node knows its own line, past 65,535 too (libxml2's tree keeps 16 bits of it).
    @Test func nodeLinesAreExactEverywhere() throws {
        var text = "<a>\n"
        for _ in 0..<69_999 { text += "<b/>\n" }
        text += "<c\nx=\"1\">\ntext</c>\n</a>\n"
        let reader = try XMLStreamReader(bytes: Array(text.utf8), documentName: "lines.xml")
        var lines: [String: Int] = [:]
        while let node = try reader.next() {
            switch node {
            case .start(let name, _, _): if name != "b" { lines[name] = reader.line }
            case .end(let name, _): lines["/" + name] = reader.line
            case .text(let value): if value == "\ntext" { lines["text"] = reader.line }
            }
        }
        // A start tag counts at its end, text where the parser handed it over (here its end),
        // an end at its start tag: the lines libxml2's own nodes carry (below 65,536).
        #expect(lines == ["a": 1, "c": 70_002, "text": 70_003, "/c": 70_002, "/a": 1])
    }
}
