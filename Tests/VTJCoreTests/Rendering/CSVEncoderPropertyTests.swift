import Testing
@testable import VTJCore

/// The byte-level encoder against the `Character`-level one it replaced (kept here as the
/// oracle): the same bytes for every cell whose quotes, delimiters, line breaks and formula
/// starters are characters of their own; and, for any text at all, a cell that an RFC 4180
/// reader reads back as the (neutralised) text, which the old encoder did not always write.
@Suite struct CSVEncoderPropertyTests {
    /// The encoder before issue 15, verbatim.
    struct CharacterEncoder {
        let dialect: CSVDialect

        func cell(_ value: String) -> String {
            var text = value
            if dialect.neutraliseFormulas, let first = text.first, CSVEncoder.formulaStarters.contains(first) {
                text = "'" + text
            }
            let needsQuotes = text.contains { char in
                char == dialect.delimiter || char == "\"" || char == "\n" || char == "\r" || char == "\r\n"
            }
            guard needsQuotes else { return text }
            return "\"" + text.replacing("\"", with: "\"\"") + "\""
        }

        func line(_ cells: [String]) -> String {
            var line = ""
            for (index, value) in cells.enumerated() {
                if index > 0 { line.append(dialect.delimiter) }
                line += cell(value)
            }
            return line + dialect.lineEnding.text
        }
    }

    static let dialects = [
        CSVDialect.standard, CSVDialect(delimiter: ",", lineEnding: .lf, byteOrderMark: false),
        CSVDialect(delimiter: "\t", neutraliseFormulas: false), CSVDialect(delimiter: "|"),
    ]

    /// Pieces that are whole characters however they are joined: specials, Finnish letters
    /// (composed and decomposed), other scripts, emoji with modifiers, joiners and flags.
    static let tokens: [String] = [
        "a", "Z", "7", " ", "  ", ";", ",", "\t", "|", "\"", "\"\"", "'", "\n", "\r", "\r\n", "=", "+", "-", "@",
        "ä", "ö", "å", "Ä", "Ö", "Å", "a\u{308}", "O\u{308}", "A\u{30A}", "é", "ß", "Ж", "漢", "\u{A0}", "\u{FEFF}",
        "😀", "👍🏽", "👨‍👩‍👧", "🇫🇮", "❤️", "Mäkelä", "O'Brien", "=SUM(A1)", "-1", "010594Y9032", "020275-9862",
    ]

    static func randomText(_ random: inout SeededGenerator, from pieces: [String], maxCount: Int) -> String {
        (0..<Int.random(in: 0...maxCount, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test(arguments: dialects)
    func sameBytesAsTheCharacterEncoder(_ dialect: CSVDialect) {
        let new = CSVEncoder(dialect: dialect)
        let old = CharacterEncoder(dialect: dialect)
        var random = SeededGenerator(seed: 15)
        var quoted = 0
        var neutralised = 0
        for _ in 0..<4000 {
            let text = Self.randomText(&random, from: Self.tokens, maxCount: 10)
            let cell = new.cell(text)
            #expect(Array(cell.utf8) == Array(old.cell(text).utf8), "\(text.debugDescription)")
            if cell.hasPrefix("\"") { quoted += 1 }
            if cell.hasPrefix("'") || cell.hasPrefix("\"'") { neutralised += 1 }
        }
        for _ in 0..<500 {
            let cells = (0..<Int.random(in: 1...6, using: &random)).map { _ in Self.randomText(&random, from: Self.tokens, maxCount: 5) }
            #expect(new.lineBytes(cells) == Array(old.line(cells).utf8), "\(cells.debugDescription)")
            #expect(new.line(cells) == old.line(cells))
        }
        #expect(quoted > 1000, "the generator must exercise quoting")
        if dialect.neutraliseFormulas { #expect(neutralised > 100, "the generator must exercise neutralising") }
    }

    /// A special byte (or a near miss: bytes one off each special, NUL, a non-ASCII letter) at every
    /// position of cells of 1 to 40 bytes: the eight-bytes-at-a-time test and the table for the
    /// last few bytes find exactly the cells the `Character` encoder quotes.
    @Test(arguments: dialects)
    func aSpecialByteAtEveryPosition(_ dialect: CSVDialect) {
        let new = CSVEncoder(dialect: dialect)
        let old = CharacterEncoder(dialect: dialect)
        let delimiter = String(dialect.delimiter)
        var quoted = 0
        for piece in ["\"", "\n", "\r", delimiter, "!", "#", "\u{B}", "\u{C}", "\u{E}", "\u{0}", "ä", ":", "<", "{", "}"] {
            for count in 1...40 {
                for position in 0..<count {
                    let text = String(repeating: "b", count: position) + piece + String(repeating: "c", count: count - position - 1)
                    let cell = new.cell(text)
                    #expect(Array(cell.utf8) == Array(old.cell(text).utf8), "\(text.debugDescription)")
                    if cell.hasPrefix("\"") { quoted += 1 }
                }
            }
        }
        #expect(quoted == 4 * 820, "every cell with a special byte, and only those, is quoted")
    }

    /// Scalars of any kind, one at a time: combining marks and joiners may now follow a quote or
    /// delimiter and prepended marks precede one, which merges them into one `Character`.
    static let scalars: [String] = tokens + [
        "\u{301}", "\u{308}", "\u{200D}", "\u{FE0F}", "\u{1F3FD}", "\u{600}", "\u{37E}", "\u{903}", "\u{0}", "\u{7F}",
    ]

    @Test(arguments: dialects)
    func everyCellReadsBackWhateverItHolds(_ dialect: CSVDialect) {
        let new = CSVEncoder(dialect: dialect)
        let old = CharacterEncoder(dialect: dialect)
        var random = SeededGenerator(seed: 1515)
        var oldDiffered = 0
        for _ in 0..<4000 {
            let text = Self.randomText(&random, from: Self.scalars, maxCount: 8)
            let bytes = Array(new.cell(text).utf8)
            let neutralise = dialect.neutraliseFormulas && text.utf8.first.map(CSVEncoder.formulaStarterBytes.contains) == true
            #expect(Self.readCells(bytes, delimiter: Array(String(dialect.delimiter).utf8)) == [(neutralise ? "'" : "") + text],
                    "\(text.debugDescription) → \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if Self.charactersAgreeWithBytes(text, dialect) {
                #expect(bytes == Array(old.cell(text).utf8), "\(text.debugDescription)")
            } else {
                oldDiffered += 1
            }
        }
        #expect(oldDiffered > 100, "the generator must reach the texts the old encoder got wrong")
    }

    /// The cases where the old encoder's `Character`s hid a special byte or invented one.
    @Test func whereTheCharacterEncoderWentWrong() {
        let new = CSVEncoder(dialect: .standard)
        let old = CharacterEncoder(dialect: .standard)
        // A delimiter with a combining mark: one Character, not ";", so the old cell split in two.
        #expect(old.cell("a;\u{301}b") == "a;\u{301}b")
        #expect(new.cell("a;\u{301}b") == "\"a;\u{301}b\"")
        // A quote with a combining mark was neither quoted nor doubled.
        let markedQuote = "a\"\u{301}b"
        let quotedAndDoubled = "\"a\"\"\u{301}b\""
        #expect(old.cell(markedQuote) == markedQuote)
        #expect(new.cell(markedQuote) == quotedAndDoubled)
        // "=" with a combining mark still starts a formula for a spreadsheet reading code units.
        #expect(old.cell("=\u{301}1+1") == "=\u{301}1+1")
        #expect(new.cell("=\u{301}1+1") == "'=\u{301}1+1")
        // The Greek question mark equals ";" as a Character (canonical equivalence) but is no delimiter.
        #expect(old.cell("a\u{37E}b") == "\"a\u{37E}b\"")
        #expect(new.cell("a\u{37E}b") == "a\u{37E}b")
    }

    /// Whole rows: the renderer's cells (each record sorted to its group's columns in one pass)
    /// are each group's own cells, and its row is the old encoder's line of them, byte for byte.
    @Test(arguments: [GroupName.productGroupsInOrder, CSVRendererTests.groups, [.huoltaja, .kansalaisuus]])
    func rendererRowsAreTheCharacterEncodersLines(_ groups: [GroupName]) {
        typealias F = DisclosureFixtures
        var mixed = (0..<6).map { F.guardian(hetu: "020594X903P", first: "G\($0);", last: "=T") }
        // Name changes ended and open, mixed: the open ones come first.
        mixed += ["Vanha", "Uusi", "Ennen", "Nyt"].enumerated().map { index, name in
            Record(group: .nimenmuutos, fields: [.text("nimilaji", "SUKUNIMI"), .text("nimi", name)]
                + (index % 2 == 0 ? [.date("loppupv", PartialDate(text: "2020-0\(index + 1)-01", precision: .day))] : []))
        }
        mixed += [F.religion(), F.dependant(hetu: nil, born: "2015-02-03"), Record(group: "TUNTEMATON", fields: [.text("x", "y")]),
                  F.marriage(spouse: "020275-9862", active: false, ends: "2019-05-05"), F.kotikunta("091")]
        let people = CSVRendererTests.people() + [F.rules(groups: GroupName.productGroupsInOrder)
            .disclose(Person(hetu: "010516B903X", records: mixed))]
        let reference = "oma;viite \"42\""
        for dialect in Self.dialects {
            let csv = CSVRenderer(groups: groups, dialect: dialect, reference: reference)
            let old = CharacterEncoder(dialect: dialect)
            #expect(csv.header() == csv.encoder.preamble + Array(old.line(csv.columnNames).utf8))
            for person in people {
                let (cells, overflow) = csv.cells(person)
                let perGroup = csv.groups.compactMap(CSVGroupLayout.layout(of:)).flatMap { $0.cells(of: person.records).cells }
                #expect(cells == [person.hetu, person.isProtected ? "turvakielto" : "loytyi",
                                  person.withheld.map(\.description).joined(separator: " ")] + perGroup + [reference])
                let row = csv.row(person)
                #expect(row.bytes == Array(old.line(cells).utf8))
                #expect(row.overflow == overflow)
                #expect(csv.notFoundRow(hetu: person.hetu) == Array(old.line(csv.notFoundCells(hetu: person.hetu)).utf8))
            }
        }
    }

    /// Whether no quote, line break, delimiter or formula starter shares a `Character` with other
    /// scalars, and no `Character` merely equals one (the texts both encoders see alike).
    static func charactersAgreeWithBytes(_ text: String, _ dialect: CSVDialect) -> Bool {
        let specials: [Character] = [dialect.delimiter, "\"", "\n", "\r", "\r\n", "=", "+", "-", "@", "\t"]
        let specialScalars = Set(specials.flatMap(\.unicodeScalars))
        return text.allSatisfy { character in
            let scalars = character.unicodeScalars
            if character == "\r\n" { return true }
            if scalars.contains(where: specialScalars.contains) { return scalars.count == 1 }
            return !specials.contains(character)
        }
    }

    /// One RFC 4180 record without its line ending, read from bytes (quotes doubled inside quotes).
    static func readCells(_ bytes: [UInt8], delimiter: [UInt8]) -> [String] {
        var cells: [String] = []
        var current: [UInt8] = []
        var index = 0
        var quoted = false
        var atStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        current.append(byte)
                        index += 2
                        continue
                    }
                    quoted = false
                } else {
                    current.append(byte)
                }
                index += 1
            } else if atStart && byte == UInt8(ascii: "\"") {
                quoted = true
                atStart = false
                index += 1
            } else if bytes[index...].starts(with: delimiter) {
                cells.append(String(decoding: current, as: UTF8.self))
                current = []
                atStart = true
                index += delimiter.count
            } else {
                current.append(byte)
                atStart = false
                index += 1
            }
        }
        cells.append(String(decoding: current, as: UTF8.self))
        return cells
    }
}
