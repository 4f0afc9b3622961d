import Testing
@testable import VTJCore

/// A list read in chunks (issue 15 goal 3: never held whole) must read exactly as the whole file
/// does, wherever the chunks' ends fall: in a line, in a CRLF, in a BOM, in a multi-byte character;
/// and whatever the chunked reader cannot read alike (other encodings, CSV) goes to the whole read.
@Suite struct HetuListStreamTests {
    /// The two passes over `bytes` in chunks of `size`: nil when they leave the file to the whole read.
    static func streamed(_ bytes: [UInt8], chunk size: Int, decideWithin: Int = 1 << 20) throws(DropReadError) -> DropContent? {
        let chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
        var scan = DropTextScan()
        for chunk in chunks { scan.add(chunk) }
        guard let encoding = scan.finish() else { return nil }
        var stream = HetuListStream(encoding: encoding, size: bytes.count, file: "lista.txt", decideWithin: decideWithin)
        for (index, chunk) in chunks.enumerated() {
            guard try stream.add(chunk, isLast: index == chunks.count - 1) else { return nil }
        }
        return try stream.finish()
    }

    static func whole(_ bytes: [UInt8]) -> Result<DropContent, DropReadError> {
        Result { () throws(DropReadError) in try HetuListReader().read(bytes, file: "lista.txt") }
    }

    /// Every chunk size from 1 to 17 and a few larger: the same content, or the same refusal, as the whole read.
    static func expectSame(_ bytes: [UInt8], streams: Bool = true, _ comment: Comment) {
        let expected = whole(bytes)
        for size in Array(1...17) + [64, 1000, max(1, bytes.count)] {
            let got = Result { () throws(DropReadError) in try streamed(bytes, chunk: size) }
            switch (got, expected) {
            case (.success(let content?), .success(let wholeContent)):
                #expect(content == wholeContent, "chunks of \(size): \(comment)")
                #expect(streams, "chunks of \(size): streamed \(comment)")
            case (.success(nil), _):
                #expect(!streams, "chunks of \(size): left to the whole read: \(comment)")
            case (.failure(let error), .failure(let wholeError)):
                #expect(error.message == wholeError.message && error.line == wholeError.line, "chunks of \(size): \(comment)")
            default:
                Issue.record("chunks of \(size): \(got) against \(expected): \(comment)")
            }
        }
    }

    static let lines = ["# luettelo ä€𝄞", "010594Y9032", "", "  020594X903P\t", "\"030594W903B\"", "010516b903x",
                        "010594Y9032", "12345", "# kommentti", "310294Y9032", String(repeating: "x", count: 1500), "040594-903H"]

    @Test func lineEndsOfEveryKindCutAnywhere() {
        for end in ["\n", "\r\n", "\r"] {
            let text = Self.lines.joined(separator: end)
            Self.expectSame(Array(text.utf8), "ends \(end.debugDescription), no final end")
            Self.expectSame(Array((text + end).utf8), "ends \(end.debugDescription), a final end")
        }
        // Mixed, and a CR then LF split by every chunk size alike.
        Self.expectSame(Array("010594Y9032\r\n\r\n020594X903P\r\r\n\n030594W903B\r".utf8), "mixed ends")
    }

    @Test func aBOMAndMultiByteCharactersSplitAcrossChunks() {
        let text = Self.lines.joined(separator: "\r\n") + "\n"
        Self.expectSame([0xEF, 0xBB, 0xBF] + Array(text.utf8), "a UTF-8 BOM")
        Self.expectSame([0xEF, 0xBB, 0xBF], streams: false, "a BOM alone")
        Self.expectSame(Array("ää\n010594Y9032\n€\n".utf8), "two- and three-byte characters first")
    }

    @Test func whatIsNotPlainUTF8IsLeftToTheWholeRead() {
        let text = Self.lines.joined(separator: "\n") + "\n"
        let units: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        Self.expectSame([0xFF, 0xFE] + units, streams: false, "UTF-16LE with a BOM (a pair split by odd chunk sizes)")
        Self.expectSame(units, streams: false, "UTF-16LE without a BOM")
        Self.expectSame(Array("010594Y9032\nk\u{E4}ytt\u{E4}j\u{E4}\n".utf8) + [0xE4, 0x0A], streams: false, "Windows-1252 (invalid UTF-8)")
        Self.expectSame(Array("010594Y9032\n".utf8) + [0xE2, 0x82], streams: false, "a cut sequence at the end")
        Self.expectSame(Array("010594Y9032\n".utf8) + [0xED, 0xA0, 0x80, 0x0A], streams: false, "a surrogate")
        Self.expectSame(Array("010594Y9032\n\0\n".utf8), streams: false, "a NUL")
        Self.expectSame(Array(repeating: Array("\u{1}\u{2}010594Y9032\n".utf8), count: 10).flatMap { $0 }, streams: false, "control characters")
        Self.expectSame([], streams: false, "empty")
        Self.expectSame(Array("hetu;nimi\n010594Y9032;A\n".utf8), streams: false, "a CSV table")
        Self.expectSame(Array("# vain kommentti\n\n".utf8), streams: false, "nothing but comments")
        Self.expectSame(Array("<?xml version=\"1.0\"?>\n<pyynto/>\n".utf8), streams: false, "markup")
    }

    @Test func aStartThatDoesNotDecideTheDialectIsReadWhole() throws {
        let bytes = Array((Array(repeating: "# x", count: 50) + ["010594Y9032"]).joined(separator: "\n").utf8)
        #expect(try Self.streamed(bytes, chunk: 16, decideWithin: 64) == nil, "undecided past the bound")
        #expect(try Self.streamed(bytes, chunk: 16) == (try Self.whole(bytes).get()))
    }

    @Test func aLongListReadsAsWhole() throws {
        var lines: [String] = []
        for index in 0..<30_000 {
            let date = String(format: "%02d%02d%02d", 1 + index % 28, 1 + (index / 28) % 12, (index / 336) % 100)
            let number = 900 + index % 100
            lines.append(date + "-" + String(number) + String(Henkilotunnus.checkCharacter(datePart: date, individualNumber: number)))
        }
        let bytes = Array((lines + lines.prefix(500) + ["bad"]).joined(separator: "\r\n").utf8)
        let content = try #require(try Self.streamed(bytes, chunk: 4099))
        #expect(content == (try Self.whole(bytes).get()))
        #expect(content.duplicateCount == 500)
    }

    @Test func cutsFallAfterALineEndOnly() {
        #expect(HetuListStream.lastLineEnd(in: Array("ab\ncd".utf8)) == 3)
        #expect(HetuListStream.lastLineEnd(in: Array("ab\r".utf8)) == 0, "a CR last may begin a CRLF")
        #expect(HetuListStream.lastLineEnd(in: Array("ab\rc".utf8)) == 3)
        #expect(HetuListStream.lastLineEnd(in: Array("a\r\nb\r".utf8)) == 3)
        #expect(HetuListStream.lastLineEnd(in: []) == 0)
    }
}
