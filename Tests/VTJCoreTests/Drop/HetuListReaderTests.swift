import Testing
import VTJTestSupport
import VTJCore

@Suite struct HetuListReaderTests {
    let reader = HetuListReader()

    /// The exact reason the validator gives for a value (receipts quote it).
    private func reason(_ value: String) -> String {
        do {
            _ = try Henkilotunnus(value)
            return "valid"
        } catch {
            return error.description
        }
    }

    /// A test code (individual number 9xx) with the right check character.
    private func code(_ date: String, _ sign: String, _ number: Int) -> String {
        let digits = String(number)
        return date + sign + String(repeating: "0", count: 3 - digits.count) + digits + String(Henkilotunnus.checkCharacter(datePart: date, individualNumber: number))
    }

    private func read(_ text: String) throws -> DropContent { try reader.read(Array(text.utf8), file: "lista.txt") }

    @Test func plainListAsDepartmentsWriteIt() throws {
        let text = """
        # oppilaat syksy 2026
        010594Y9032

          020594X903P\t
        "030594W903B"
        'O40594V9030'
        010516b903x
        010594Y9032
        010594Y903A
        010594G9032
        310294Y9032
        \(code("010594", "Y", 1))
        12345
        """
        let list = try read(text)
        #expect(list.encoding == .utf8)
        #expect(list.dialect == .plain)
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P", "030594W903B", "010516B903X"])
        #expect(list.hetuLines == [2, 4, 5, 7])
        #expect(list.duplicates.map(\.line) == [8])
        #expect(list.duplicates.first?.firstLine == 2)
        #expect(list.warnings == [.init(line: 7, warning: .lowercase)])
        #expect(list.rejected.map(\.line) == [6, 9, 10, 11, 12, 13])
        #expect(list.rejected.map(\.reason.description) == [
            reason("O40594V9030"), reason("010594Y903A"), reason("010594G9032"), reason("310294Y9032"),
            reason(code("010594", "Y", 1)), reason("12345"),
        ])
        #expect(list.rejected.map(\.error?.kind) == ["muoto", "tarkistusmerkki", "vuosisatamerkki", "paivamaara", "yksilonumero", "muoto"])
        #expect(list.rejected.first?.text == "O40594V9030")
        #expect(list.lineCount == 13)
        #expect(list.blankLines == 1)
        #expect(list.commentLines == 1)
        #expect(list.valueLines == 11)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingGivesTheSameLines(ending: String) throws {
        let text = ["010594Y9032", "", "bad", "020594X903P", ""].joined(separator: ending)
        let list = try read(text)
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P"])
        #expect(list.hetuLines == [1, 4])
        #expect(list.rejected.map(\.line) == [3])
        #expect(list.lineCount == 4)
    }

    @Test func utf8WithBOM() throws {
        let list = try reader.read([0xEF, 0xBB, 0xBF] + Array("010594Y9032\r\n020594X903P\r\n".utf8), file: "a.txt")
        #expect(list.encoding == .utf8BOM)
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P"])
        #expect(list.rejected.isEmpty)
    }

    private func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test(arguments: [(false, true, TextEncoding.utf16LEBOM), (true, true, .utf16BEBOM), (false, false, .utf16LE), (true, false, .utf16BE)])
    func utf16(bigEndian: Bool, bom: Bool, expected: TextEncoding) throws {
        let bytes = utf16("hetu\r\n010594Y9032\r\n# Äö\r\n020594X903P\r\n", bigEndian: bigEndian, bom: bom)
        let list = try reader.read(bytes, file: "excel.csv")
        #expect(list.encoding == expected)
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P"])
        #expect(list.commentLines == 1)
    }

    @Test func windows1252FromOldExcel() throws {
        // "# Äänestäjät €" and a bad line "x€" in Windows-1252, then a valid code.
        let bytes: [UInt8] = Array("# ".utf8) + [0xC4, 0xE4, 0x6E, 0x65, 0x73, 0x74, 0xE4, 0x6A, 0xE4, 0x74, 0x20, 0x80] + [0x0D, 0x0A]
            + [0x78, 0x80, 0x0D, 0x0A] + Array("010594Y9032\r\n".utf8)
        let list = try reader.read(bytes, file: "vanha.txt")
        #expect(list.encoding == .windows1252)
        #expect(list.hetus.map(\.value) == ["010594Y9032"])
        #expect(list.rejected.map(\.text) == ["x€"])
        #expect(list.rejected.map(\.line) == [2])
    }

    @Test func windows1252MapsTheWholeHighRange() throws {
        // Each 0x80–0x9F byte as the only non-ASCII byte on a rejected line.
        let expected: [Character] = ["€", "\u{81}", "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "\u{8D}", "Ž", "\u{8F}",
                                     "\u{90}", "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "\u{9D}", "ž", "Ÿ"]
        for (offset, character) in expected.enumerated() where character.unicodeScalars.first!.value > 0x9F {
            let list = try reader.read([0x61, UInt8(0x80 + offset), 0x0A, 0xE9, 0x0A], file: "a.txt")
            #expect(list.encoding == .windows1252)
            #expect(list.rejected.map(\.text) == ["a" + String(character), "é"], "byte 0x\(String(0x80 + offset, radix: 16))")
        }
    }

    @Test func csvWithSemicolonsQuotesAndQuotedNewlines() throws {
        let text = "Nimi;HETU;Osoite\r\n"
            + "\"Meikäläinen; Matti\";010594Y9032;Katu 1\r\n"
            + "\"Virtanen\r\n\"\"Liisa\"\"\";\"020594X903P\";\"Tie 2\r\nA 3\"\r\n"
            + "\r\n"
            + "# poistettu\r\n"
            + "Nieminen;030594W9O3B;\r\n"
            + "Lyhyt\r\n"
            + "Korhonen;  '040594V9030' ;\r\n"
        let list = try reader.read(Array(text.utf8), file: "oppilaat.csv")
        #expect(list.dialect == .csv(delimiter: ";", column: 1, header: "HETU"))
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P", "040594V9030"])
        #expect(list.hetuLines == [2, 3, 10])
        #expect(list.rejected.map(\.line) == [8, 9])
        #expect(list.rejected.first?.reason.description == reason("030594W9O3B"))
        #expect(list.rejected.last?.reason.description == "the row has 1 field, so column 2 (the henkilötunnus) is missing")
        #expect(list.blankLines == 1)
        #expect(list.commentLines == 1)
        #expect(list.lineCount == 10)
    }

    @Test func emptyExcelRowsAreBlankLines() throws {
        let list = try reader.read(Array("nimi;hetu;osoite\r\nA;010594Y9032;x\r\n;;\r\n ; ;\r\nB;;y\r\n".utf8), file: "e.csv")
        #expect(list.hetus.count == 1)
        #expect(list.blankLines == 2)
        #expect(list.rejected.map(\.line) == [5])
        #expect(list.rejected.first?.reason.description == "bad format: empty value; expected DDMMYYCNNNQ")
    }

    @Test func csvWithTabsAndCommas() throws {
        let tabs = try reader.read(Array("henkilotunnus\tnimi\n010594Y9032\tA\n".utf8), file: "t.csv")
        #expect(tabs.dialect == .csv(delimiter: "\t", column: 0, header: "henkilotunnus"))
        #expect(tabs.hetus.map(\.value) == ["010594Y9032"])
        let commas = try reader.read(Array("\"nimi\",\"Hetu\"\n\"Meikäläinen, Matti\",\"010594Y9032\"\n".utf8), file: "c.csv")
        #expect(commas.dialect == .csv(delimiter: ",", column: 1, header: "Hetu"))
        #expect(commas.hetus.map(\.value) == ["010594Y9032"])
        let single = try reader.read(Array("\u{FEFF}HETU\n010594Y9032\n".utf8), file: "s.csv")
        #expect(single.dialect == .csv(delimiter: ";", column: 0, header: "HETU"))
        #expect(single.hetus.count == 1)
    }

    /// Excel's `sep=;` first line names the delimiter; the header follows it.
    @Test func excelSeparatorLine() throws {
        // Sniffing this header would pick ';' (a tie goes to ';'); the declaration says ','.
        let list = try reader.read(Array("sep=,\r\nnimi;osasto,hetu\r\n\"A; B\";x,010594Y9032\r\n".utf8), file: "e.csv")
        #expect(list.dialect == .csv(delimiter: ",", column: 1, header: "hetu"))
        #expect(list.commentLines == 1)
        #expect(list.hetus.map(\.value) == ["010594Y9032"])
        #expect(list.hetuLines == [3])
        let plain = try reader.read(Array("sep=;\nhetu;nimi\n010594Y9032;A\n".utf8), file: "s.csv")
        #expect(plain.dialect == .csv(delimiter: ";", column: 0, header: "hetu"))
        #expect(plain.hetus.map(\.value) == ["010594Y9032"])
        #expect(plain.hetuLines == [3])
    }

    /// Without a `hetu` header, a column of henkilötunnus is found by its content (issue 16);
    /// several columns and none of them henkilötunnus is still refused.
    @Test func aMultiColumnFileWithoutAHetuHeaderOrAHetuColumnIsRefused() throws {
        #expect {
            try reader.read(Array("# lista\nMatti;Katu 1;010594Y9033\n".utf8), file: "x.csv")
        } throws: { error in
            guard let error = error as? DropReadError else { return false }
            return error.kind == .csvHeader && error.line == 2 && error.description.hasPrefix("x.csv:2: the first row has 3 columns")
        }
        let found = try reader.read(Array("# lista\n010594Y9032;Matti;Katu 1\n".utf8), file: "x.csv")
        #expect(found.dialect == .headerless(delimiter: ";", column: 0))
        #expect(found.hetus.map(\.value) == ["010594Y9032"])
    }

    @Test func anUnclosedQuoteLosesOnlyItsOwnRow() throws {
        let text = "hetu;nimi\n\"010594Y9032;Matti\n020594X903P;Liisa\n"
        let list = try reader.read(Array(text.utf8), file: "q.csv")
        #expect(list.rejected.map(\.line) == [2])
        #expect(list.rejected.first?.reason.description.contains("never closed") == true)
        #expect(list.hetus.map(\.value) == ["020594X903P"])
        #expect(list.hetuLines == [3])
    }

    @Test func aHugeLineIsRejectedAndTheRestStillRead() throws {
        let huge = String(repeating: "7", count: 2_000_000)
        let list = try read("010594Y9032\n" + huge + "\n020594X903P\n")
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P"])
        #expect(list.rejected.map(\.line) == [2])
        #expect(list.rejected.first?.reason.description == "line is longer than 1024 bytes; expected one henkilötunnus per line")
        #expect(list.rejected.first!.text.count <= 31)

        let csv = try reader.read(Array(("hetu\n\"" + huge + "\n010594Y9032\n").utf8), file: "h.csv")
        #expect(csv.rejected.map(\.line) == [2])
        #expect(csv.hetus.map(\.value) == ["010594Y9032"])
    }

    @Test(arguments: [
        ([] as [UInt8], "the file is empty (0 bytes)"),
        ([0xEF, 0xBB, 0xBF], "no henkilötunnus lines"),
        ([0xFF, 0xFE], "no henkilötunnus lines"),
        (Array("# lista\r\n\r\n \t\r\n".utf8), "no henkilötunnus lines"),
        (Array("hetu;nimi\r\n;;\r\n".utf8), "no henkilötunnus lines"),
    ])
    func aFileWithoutValuesIsRefusedAsEmpty(bytes: [UInt8], phrase: String) {
        #expect {
            try reader.read(bytes, file: "tyhja.txt")
        } throws: { error in
            guard let error = error as? DropReadError else { return false }
            return error.kind == .empty && error.line == nil && error.description.hasPrefix("tyhja.txt: " + (phrase.hasPrefix("the") ? phrase : "the file has " + phrase))
        }
    }

    @Test(arguments: [
        ("# lista\n<?xml version=\"1.0\"?>\n<pyynto/>\n", 2, "XML document"),
        ("\u{FEFF}<pyynto toiminto=\"perustiedot\">\n", 1, "XML document"),
        ("\n<!DOCTYPE html>\n<html></html>\n", 2, "HTML page"),
        ("<HTML><BODY>010594Y9032</BODY></HTML>\n", 1, "HTML page"),
    ])
    func markupIsRefusedAsTheWrongFormatAtItsLine(text: String, line: Int, phrase: String) {
        #expect {
            try read(text)
        } throws: { error in
            guard let error = error as? DropReadError else { return false }
            return error.kind == .wrongFormat && error.line == line && error.description.contains(phrase)
        }
    }

    @Test func aValueInAngleBracketsIsJustABadValue() throws {
        let list = try read("<010594Y9032>\n020594X903P\n")
        #expect(list.rejected.map(\.line) == [1])
        #expect(list.hetus.map(\.value) == ["020594X903P"])
    }

    @Test(arguments: [("a\nb\nc\0d\n", 3), ("\0", 1), ("a\r\nb\rc\0", 3), ("\u{FEFF}a\n\0", 2)])
    func aNULByteIsReportedWithItsLine(text: String, line: Int) {
        #expect {
            try read(text)
        } throws: { error in
            guard let error = error as? DropReadError else { return false }
            return error.kind == .notText && error.line == line && error.description.hasPrefix("lista.txt:\(line): ")
        }
    }

    @Test(arguments: [
        ([0x30, 0x31, 0x00, 0x0A, 0x41, 0x42, 0x43] as [UInt8], DropReadError.Kind.notText, "NUL bytes"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], .wrongFormat, "Excel .xlsx"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], .wrongFormat, ".xls"),
        (Array("%PDF-1.7\n".utf8), .wrongFormat, "PDF"),
        ([0xEF, 0xBB, 0xBF, 0xC3, 0x28], .notText, "not valid UTF-8"),
        ([0xFF, 0xFE, 0x30, 0x00, 0x31], .notText, "odd number of bytes"),
        ([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], .notText, "surrogate"),
    ])
    func wholeFileRefusals(bytes: [UInt8], kind: DropReadError.Kind, phrase: String) {
        #expect {
            try reader.read(bytes, file: "roska.txt")
        } throws: { error in
            guard let error = error as? DropReadError else { return false }
            return error.kind == kind && error.file == "roska.txt" && error.description.contains(phrase)
        }
    }

    @Test func beyondTheDetailLimitValuesAreCountedNotKept() {
        var collector = HetuCollector(detailLimit: 3)
        for line in 1...10 { collector.accept("?", line: line) }
        for line in 11...20 { collector.accept("010594y9032", line: line) }
        collector.reject(line: 21, text: "…", reason: .technical("too long"))
        collector.finish()
        #expect(collector.rejected.map(\.line) == [1, 2, 3])
        #expect(collector.rejectedCount == 11)
        #expect(collector.duplicates.map(\.line) == [12, 13, 14] && collector.duplicateCount == 9)
        #expect(collector.warnings.count == 3 && collector.warningCount == 10)
        #expect(collector.hetus.map(\.value) == ["010594Y9032"] && collector.valueCount == 21)
    }

    /// Repeats are found by sorting the list when it is read: every repeat names the line its
    /// value was first seen on, and the distinct values keep their first-seen order and lines.
    @Test func everyRepeatNamesItsFirstLineInALongList() {
        var collector = HetuCollector()
        let codes = TestHetu.distinct(5000)
        for (index, code) in codes.enumerated() { collector.accept(code.value, line: index + 1) }
        for (index, code) in codes.enumerated().reversed() where index % 7 == 0 {
            collector.accept(code.value, line: 10_000 + index)
        }
        collector.finish()
        #expect(Array(collector.hetus) == codes && Array(collector.hetuLines) == (1...5000).map(UInt32.init))
        #expect(collector.duplicateCount == (0..<5000).filter { $0 % 7 == 0 }.count)
        #expect(collector.duplicates.allSatisfy { $0.firstLine == $0.line - 10_000 + 1 })
        #expect(collector.duplicates.allSatisfy { codes[$0.firstLine - 1] == $0.hetu })
    }

    /// The receipt's list file holds the first 20,000 rejected lines (issue 16); beyond, they are counted.
    @Test func aListCountsEveryRejectedLineButKeepsTheFirstTwentyThousand() throws {
        let list = try read(String(repeating: "x\n", count: 20_500) + "010594Y9032\n")
        #expect(list.rejected.count == 20_000 && list.rejected.last?.line == 20_000)
        #expect(list.rejectedCount == 20_500 && list.valueLines == 20_501)
        #expect(list.hetus.map(\.value) == ["010594Y9032"])
    }

    @Test func binaryGarbageWithoutNULsIsRefused() {
        // A deterministic pseudo-random byte stream with every NUL replaced.
        var state: UInt32 = 2_463_534_242
        var bytes: [UInt8] = []
        for _ in 0..<4096 {
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            bytes.append(UInt8(truncatingIfNeeded: state) | 1)
        }
        #expect(throws: DropReadError.self) { try reader.read(bytes, file: "x.bin") }
    }

    /// Found by `scripts/fuzz` (2026-12-07): a first row of two names over rows of three cells,
    /// the henkilötunnus in the third. The column is found in the rows below; the first row has no
    /// cell there, and reading its name trapped (index out of range), which would have stopped the
    /// daemon on a department's file. It is now a header without a name for that column.
    @Test func aHeaderRowShorterThanTheHetuColumnIsReadNotATrap() throws {
        let list = try read("nimi;luokka\nA;7b;010594Y9032\nB;7c;020594X903P\n")
        #expect(list.dialect == .csv(delimiter: ";", column: 2, header: ""))
        #expect(list.hetus.map(\.value) == ["010594Y9032", "020594X903P"])
    }
}
