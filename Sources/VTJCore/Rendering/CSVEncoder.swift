/// Turns cells into one RFC 4180 line of a dialect, neutralising formula-like cells.
///
/// Works on UTF-8 bytes: a cell is scanned once and copied once. What counts is bytes, not
/// `Character`s: a delimiter or quote followed by a combining mark is still quoted (a grapheme
/// `;́` is not equal to `;`, which once let such a cell split in two), and a cell whose first
/// byte is `=` is neutralised whatever follows it.
public struct CSVEncoder: Hashable, Sendable {
    public let dialect: CSVDialect
    /// The delimiter's UTF-8 bytes (one for every delimiter a configuration may choose).
    private let delimiterBytes: [UInt8]
    private let lineEndingBytes: [UInt8]
    /// Whether to prefix formula-like cells (the dialect's switch, read once per cell).
    private let neutralises: Bool
    /// Bytes that make a cell need quotes (quote, CR, LF, a one-byte delimiter) as a 256-bit set
    /// (bytes 0–63, 64–127, 128–255), so that the scan tests each byte once.
    private let specialLow: UInt64
    private let specialHigh: UInt64
    private let specialNonASCII: [UInt64]
    /// The special bytes (quote, LF, CR, a one-byte delimiter or the quote again), each in every
    /// byte of a word: ``needsQuotes(_:)`` tests eight bytes of a cell against each at once
    /// (derived from the dialect, so equality and hashing keep their meaning).
    private let quoteWord: UInt64, lineFeedWord: UInt64, carriageReturnWord: UInt64, delimiterWord: UInt64

    public init(dialect: CSVDialect) {
        self.dialect = dialect
        delimiterBytes = Array(String(dialect.delimiter).utf8)
        lineEndingBytes = Array(dialect.lineEnding.text.utf8)
        neutralises = dialect.neutraliseFormulas
        var special: [UInt64] = [0, 0, 0, 0]
        for byte in [Self.quote, 0x0A, 0x0D] + (delimiterBytes.count == 1 ? delimiterBytes : []) {
            special[Int(byte >> 6)] |= UInt64(1) << (byte & 63)
        }
        specialLow = special[0]
        specialHigh = special[1]
        specialNonASCII = special[2] | special[3] == 0 ? [] : Array(special[2...])
        let everyByte: UInt64 = 0x0101_0101_0101_0101
        quoteWord = UInt64(Self.quote) &* everyByte
        lineFeedWord = 0x0A &* everyByte
        carriageReturnWord = 0x0D &* everyByte
        delimiterWord = UInt64(delimiterBytes.count == 1 ? delimiterBytes[0] : Self.quote) &* everyByte
    }

    /// Characters that make a spreadsheet treat a cell as a formula when they come first (the
    /// encoder looks at the first byte: each of these begins with one of ``formulaStarterBytes``).
    public static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// First bytes that make a cell formula-like: `=`, `+`, `-`, `@`, tab, CR.
    public static let formulaStarterBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")

    /// One cell: `'` prefixed when it starts like a formula (and neutralising is on), quoted when needed.
    ///
    /// Only the first byte counts: a henkilötunnus with `-` as its century sign is untouched.
    public func cell(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendCell(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One row with its line ending.
    public func line(_ cells: [String]) -> String { String(decoding: lineBytes(cells), as: UTF8.self) }

    /// One row with its line ending, as UTF-8 bytes.
    public func lineBytes(_ cells: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.count * 8 + 64)
        appendLine(cells, to: &bytes)
        return bytes
    }

    /// Appends one row and its line ending to `output`.
    public func appendLine(_ cells: [String], to output: inout [UInt8]) {
        var first = true
        for value in cells {
            if first { first = false } else { appendDelimiter(to: &output) }
            appendCell(value, to: &output)
        }
        appendLineEnding(to: &output)
    }

    /// Appends the cell separator.
    public func appendDelimiter(to output: inout [UInt8]) {
        if delimiterBytes.count == 1 { output.append(delimiterBytes[0]) } else { output.append(contentsOf: delimiterBytes) }
    }

    /// Appends `count` cell separators (the empty cells of a row).
    func appendDelimiters(_ count: Int, to output: inout [UInt8]) {
        guard count > 0 else { return }
        if delimiterBytes.count == 1 {
            // From a filled buffer, one copy: appending a `Repeated` went through the generic
            // sequence path, byte by byte (5 % of an all-groups row, whose rows are mostly empty cells).
            let delimiter = delimiterBytes[0]
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { run in
                run.initialize(repeating: delimiter)
                output.append(contentsOf: UnsafeBufferPointer(run))
            }
        } else {
            for _ in 0..<count { output.append(contentsOf: delimiterBytes) }
        }
    }

    /// Appends the row terminator.
    public func appendLineEnding(to output: inout [UInt8]) { output.append(contentsOf: lineEndingBytes) }

    /// Appends one encoded cell (see ``cell(_:)``).
    public func appendCell(_ value: String, to output: inout [UInt8]) {
        if value.isEmpty { return }
        var value = value
        value.withUTF8 { appendCell(utf8: $0, to: &output) }
    }

    private func appendCell(utf8 text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let neutralise = neutralises && Self.formulaStarterBytes.contains(text[0])
        guard needsQuotes(text) else {
            if neutralise { output.append(Self.apostrophe) }
            output.append(contentsOf: text)
            return
        }
        output.append(Self.quote)
        if neutralise { output.append(Self.apostrophe) }
        var start = 0
        for index in text.indices where text[index] == Self.quote {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...index]))
            output.append(Self.quote)
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        output.append(Self.quote)
    }

    /// Whether the text holds a quote, CR, LF or the delimiter: eight bytes at a time against
    /// the special words (a byte-per-byte table test was a twentieth of the result sink's
    /// instructions, issue 15), the last few bytes through the table.
    private func needsQuotes(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = text.baseAddress {
            let raw = UnsafeRawPointer(base)
            let (quote, lineFeed, carriageReturn, delimiter) = (quoteWord, lineFeedWord, carriageReturnWord, delimiterWord)
            while index + 8 <= text.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if Self.zeroByte(word ^ quote) | Self.zeroByte(word ^ lineFeed) | Self.zeroByte(word ^ carriageReturn)
                    | Self.zeroByte(word ^ delimiter) != 0 { return true }
                index += 8
            }
        }
        let (low, high) = (specialLow, specialHigh)
        let nonASCII = specialNonASCII
        while index < text.count {
            let byte = text[index]
            let word = byte < 64 ? low : byte < 128 ? high : nonASCII.isEmpty ? 0 : nonASCII[Int(byte >> 6) - 2]
            if word >> (byte & 63) & 1 != 0 { return true }
            index += 1
        }
        guard delimiterBytes.count > 1 else { return false }
        // A delimiter of several bytes (never one a configuration may choose, but possible in code).
        let count = delimiterBytes.count
        guard text.count >= count else { return false }
        return (0...(text.count - count)).contains { start in
            (0..<count).allSatisfy { text[start + $0] == delimiterBytes[$0] }
        }
    }

    /// Non-zero exactly when some byte of `word` is zero (a borrow into a byte's top bit can only
    /// come from a zero byte below it, so the test as a whole is exact).
    @inline(__always)
    private static func zeroByte(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// The UTF-8 byte-order mark, when the dialect wants one.
    public var preamble: [UInt8] { dialect.byteOrderMark ? [0xEF, 0xBB, 0xBF] : [] }
}
