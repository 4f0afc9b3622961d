import Testing
import VTJCore

/// CSV rows that open a quote and never close it. Each failed record is re-read from its next
/// line, so before a cap on the lines a quoted field may span, every such row was scanned for
/// maximumRecordBytes (a 1 MB list of them took over a minute; found while fuzzing, seed
/// Fuzz/corpus/hetu-list/slow-unclosed-quotes.csv).
struct HetuListReaderQuoteTests {
    private func read(_ text: String) throws -> DropContent {
        try HetuListReader().read(Array(text.utf8), file: "lista.csv")
    }

    @Test func rowsThatEachOpenAQuoteAreRejectedOneByOne() throws {
        // `a";"`: the second field opens a quote, and inside a quote the row closes it and
        // opens the next one, so the quote never ends.
        let rows = 60
        let list = try read("hetu;x\n" + String(repeating: "a\";\"\n", count: rows) + "010594Y9032;x\n")
        #expect(list.hetus.map(\.value) == ["010594Y9032"])
        #expect(list.hetuLines == [UInt32(rows + 2)])
        #expect(list.rejected.map(\.line) == Array(2...(rows + 1)))
        let capped = list.rejected.filter { $0.reason.description.contains("more than 16 lines") }
        // Row k (1-based) sees its own line break, the 60 - k later rows' and the last row's
        // inside its quote: 63 - k lines, over the cap of 16 for k ≤ 46; the rest reach the end.
        #expect(capped.count == rows + 2 - 16, "rows far enough from the end hit the line cap")
        #expect(list.rejected.dropFirst(capped.count).allSatisfy { $0.reason.description.contains("never closed") })
        #expect(capped.first?.reason.description == "a quoted field runs over more than 16 lines (an unclosed quote?); check the quotes on this row")
    }

    @Test func quotedLineBreaksWithinTheCapStillRead() throws {
        let note = (1...16).map { "rivi \($0)" }.joined(separator: "\n")
        let list = try read("hetu;huom\n\"020594X903P\";\"\(note)\"\n030594W903B;x\n")
        #expect(list.hetus.map(\.value) == ["020594X903P", "030594W903B"])
        #expect(list.hetuLines == [2, 18])
        #expect(list.rejected.isEmpty)
    }

    @Test func aQuotedFieldOverTheCapIsRejectedAndReadingGoesOn() throws {
        let note = (1...17).map { "rivi \($0)" }.joined(separator: "\n")
        let list = try read("hetu;huom\n\"020594X903P\";\"\(note)\"\n030594W903B;x\n")
        #expect(list.rejected.first?.line == 2)
        #expect(list.rejected.first?.reason.description.contains("more than 16 lines") == true)
        #expect(list.hetus.map(\.value).contains("030594W903B"))
    }
}
