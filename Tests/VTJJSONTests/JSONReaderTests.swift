import Foundation
import Testing
@testable import VTJJSON
import VTJTestSupport

/// The pull reader on its own: JSON's grammar, UTF-8, limits, and streaming across buffer edges.
@Suite struct JSONReaderTests {
    /// Every value of a document, flattened to text, so a test can compare what was read.
    private func walk(_ reader: JSONReader) throws -> [String] {
        var out: [String] = []
        func value() throws {
            switch try reader.peekKind() {
            case .object:
                try reader.enterObject()
                out.append("{")
                var first = true
                while try reader.nextKey(&first) {
                    out.append("k:" + reader.keyString())
                    try value()
                }
                out.append("}")
            case .array:
                try reader.enterArray()
                out.append("[")
                var first = true
                while try reader.nextItem(&first) { try value() }
                out.append("]")
            case .string: out.append("s:" + (try reader.readString()))
            case .number: out.append("n:" + (try reader.readNumber()))
            case .boolean: out.append("b:\(try reader.readBool())")
            case .null:
                try reader.readNull()
                out.append("null")
            }
        }
        try value()
        try reader.finish()
        return out
    }

    private func read(_ text: String) throws -> [String] {
        try walk(JSONReader(bytes: Array(text.utf8), documentName: "test"))
    }

    private func failure(_ text: String) -> JSONReadError? {
        do {
            _ = try read(text)
            return nil
        } catch let error as JSONReadError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let values = try read(#" {"a": [1, -2.5e3, true, false, null, "x\"y\\z\n\u00e4\ud83d\ude00"], "b": {}, "c": []} "#)
        #expect(values == ["{", "k:a", "[", "n:1", "n:-2.5e3", "b:true", "b:false", "null", "s:x\"y\\z\n\u{e4}😀", "]",
                           "k:b", "{", "}", "k:c", "[", "]", "}"])
    }

    @Test func keepsRawNonASCIILettersAndTrailingSpaces() throws {
        #expect(try read(#"{"katunimi": "Mickelsvägen", "t": "900000041C1F028 "}"#)
            == ["{", "k:katunimi", "s:Mickelsvägen", "k:t", "s:900000041C1F028 ", "}"])
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, "expected a key"),
        (#"[1, 2,]"#, "cannot start a value"),
        (#"{"a" 1}"#, "expected :"),
        (#"{"a": 1 "b": 2}"#, "expected , or }"),
        (#"[1 2]"#, "expected , or ]"),
        (#"{"a": tru}"#, "not true"),
        (#"{"a": trueish}"#, "not true"),
        (#"{"a": nul}"#, "not null"),
        (#"{"a": 01}"#, "not a JSON number"),
        (#"{"a": 1.}"#, "not a JSON number"),
        (#"{"a": -}"#, "not a JSON number"),
        (#"{"a": +1}"#, "cannot start a value"),
        (#"{"a": "x\q"}"#, "not a JSON escape"),
        (#"{"a": "\ud800"}"#, "surrogate"),
        (#"{"a": "\udc00"}"#, "surrogate"),
        (#"{"a": "\u00zz"}"#, "four hex digits"),
        (#"{"a": "\u0007"}"#, "control character"),
        (#"{"a": 'x'}"#, "cannot start a value"),
        (#"{"a": 1} {"b": 2}"#, "after the end"),
        (#"{"a": 1"#, "ends inside an object"),
        (#"{"a": "abc"#, "ends inside a string"),
        (#"{"a": [1, 2"#, "ends inside an array"),
        ("", "ends where a value"),
        ("{\"a\": \"line\nbreak\"}", "not closed before the end of the line"),
        ("{\"a\": \"tab\there\"}", "raw control character"),
    ])
    func refusesWhatIsNotJSON(text: String, reason: String) {
        let error = failure(text)
        #expect(error?.kind == .malformed, "\(text)")
        #expect(error?.reason.contains(reason) == true, "\(text): \(error?.reason ?? "no error")")
    }

    @Test func refusesInvalidUTF8InStringsAndKeys() {
        var bytes = Array(#"{"a": "x"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONReadError.self) { try walk(JSONReader(bytes: bytes, documentName: "t")) }
        bytes = [UInt8(ascii: "{"), UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "1"), UInt8(ascii: "}")]
        #expect(throws: JSONReadError.self) { try walk(JSONReader(bytes: bytes, documentName: "t")) }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        #expect(failure(deep)?.reason.contains("deeper than") == true)
        let allowed = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect(try read(allowed).count == 2 * JSONReader.maxDepth)
    }

    @Test func namesTheLineAndByteOfAnError() {
        let error = failure("{\n  \"a\": 1,\n  \"b\": ?\n}")
        #expect(error?.line == 3)
        #expect(error?.offset == 19)
        #expect(error?.description.hasPrefix("test:3 (byte 19): ") == true)
    }

    @Test func streamsFromADescriptorAcrossBufferEdges() throws {
        // Every token crosses a 16-byte buffer edge somewhere; a long string makes the buffer grow.
        let long = String(repeating: "ä", count: 300)
        let text = #"{"henkilotunnus": "010594Y9032", "numero": 5446623423, "escape": "a\"b\u00e4", "long": "\#(long)", "flag": false, "x": null}"#
        let folder = try TempFolder("json-reader")
        defer { folder.remove() }
        let path = try folder.write("body.json", text)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let streamed = try walk(JSONReader(fileDescriptor: fd, documentName: "file", bufferSize: 16))
        #expect(streamed == (try read(text)))
        #expect(streamed.contains("s:" + long))
        #expect(streamed.contains("n:5446623423"))
    }

    @Test func readsLargeWholeNumbersAndRefusesOthers() throws {
        let reader = JSONReader(bytes: Array("[5446623423, 1.5, 99999999999999999999]".utf8), documentName: "t")
        try reader.enterArray()
        var first = true
        #expect(try reader.nextItem(&first))
        #expect(try reader.readInt64() == 5_446_623_423)
        #expect(try reader.nextItem(&first))
        #expect(throws: JSONReadError.self) { try reader.readInt64() }
        #expect(try reader.nextItem(&first))
        #expect(throws: JSONReadError.self) { try reader.readInt64() }
    }

    @Test func writerEscapesWhatWouldBreakTheDocument() throws {
        let writer = JSONWriter()
        writer.beginObject()
        writer.member("a\"b", "x\\y\n\u{1}\t\"ä")
        writer.key("n")
        writer.beginArray()
        writer.number(-5)
        writer.bool(true)
        writer.null()
        writer.endArray()
        writer.endObject()
        let bytes = writer.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"a\"b":"x\\y\n\u0001\t\"ä","n":[-5,true,null]}"#)
        // Foundation agrees that it is JSON, with the same text (this reader refuses U+0001 as XML would).
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["a\"b"] as? String == "x\\y\n\u{1}\t\"ä")
    }
}
