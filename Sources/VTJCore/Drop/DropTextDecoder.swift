/// Turns a dropped text file's bytes into text, detecting the encoding as departments produce
/// it: a BOM first (UTF-8, UTF-16LE/BE), then BOM-less UTF-16 by its NUL pattern, then strict
/// UTF-8, else Windows-1252. Binary data and known non-text formats are refused as a whole.
public enum DropTextDecoder {
    /// Decodes `bytes`; the BOM is not part of the returned text.
    public static func decode(_ bytes: [UInt8], file: String) throws(DropReadError) -> (encoding: TextEncoding, text: String) {
        let (encoding, utf8) = try decodeToUTF8(bytes, file: file)
        return (encoding, String(decoding: utf8, as: UTF8.self))
    }

    /// Decodes `bytes` into valid UTF-8 without the BOM; UTF-8 input is passed through without
    /// a copy, so a large list is held once, not three times.
    public static func decodeToUTF8(_ bytes: [UInt8], file: String) throws(DropReadError) -> (encoding: TextEncoding, utf8: [UInt8]) {
        if let format = knownBinaryFormat(bytes) {
            throw DropReadError(file: file, kind: .wrongFormat, message: Message(format))
        }
        let encoding: TextEncoding
        let utf8: [UInt8]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let line = lineOfFirstNUL(bytes) {
                throw DropReadError(file: file, line: line, kind: .notText,
                                    message: Message(.readNULBytes))
            }
            guard UTF8Scan.isValid(bytes, from: 3) else {
                throw notText(file, .readBadUTF8)
            }
            encoding = .utf8BOM
            utf8 = Array(bytes[3...])
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16LEBOM
            utf8 = Array(try utf16(bytes, from: 2, bigEndian: false, file: file).utf8)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16BEBOM
            utf8 = Array(try utf16(bytes, from: 2, bigEndian: true, file: file).utf8)
        } else if bytes.contains(0) {
            switch utf16Pattern(bytes) {
            case .some(false):
                encoding = .utf16LE
                utf8 = Array(try utf16(bytes, from: 0, bigEndian: false, file: file).utf8)
            case .some(true):
                encoding = .utf16BE
                utf8 = Array(try utf16(bytes, from: 0, bigEndian: true, file: file).utf8)
            case nil:
                throw DropReadError(file: file, line: lineOfFirstNUL(bytes), kind: .notText,
                                    message: Message(.readNULBytes))
            }
        } else if UTF8Scan.isValid(bytes) {
            encoding = .utf8
            utf8 = bytes
        } else {
            encoding = .windows1252
            utf8 = Array(Windows1252.decode(bytes).utf8)
        }
        try refuseControlCharacters(utf8, file: file)
        return (encoding, utf8)
    }

    /// The 1-based line (LF, CRLF or CR ends) of the first NUL byte, nil without one.
    static func lineOfFirstNUL(_ bytes: [UInt8]) -> Int? {
        guard let nul = bytes.firstIndex(of: 0) else { return nil }
        var line = 1
        for index in 0..<nul where bytes[index] == 0x0A || (bytes[index] == 0x0D && bytes[index + 1] != 0x0A) {
            line += 1
        }
        return line
    }

    private static func notText(_ file: String, _ reason: MessageKey, _ arguments: [String: MessageArgument] = [:]) -> DropReadError {
        DropReadError(file: file, kind: .notText, message: Message(reason, arguments))
    }

    /// Zip (xlsx, ods, docx), OLE (xls, doc) and PDF signatures (the first 8 bytes decide).
    static func knownBinaryFormat(_ bytes: [UInt8]) -> MessageKey? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .readZipArchive }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .readOldOfficeFile }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .readPDF }
        return nil
    }

    /// For text with NULs: false = little-endian UTF-16, true = big-endian, nil = not UTF-16.
    /// ASCII-range text in UTF-16 has a zero in every other byte, which no text list has otherwise.
    private static func utf16Pattern(_ bytes: [UInt8]) -> Bool? {
        let sample = min(bytes.count, 4096) & ~1
        guard sample >= 2, bytes.count % 2 == 0 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in stride(from: 0, to: sample, by: 2) {
            if bytes[index] == 0 { evenZeros += 1 }
            if bytes[index + 1] == 0 { oddZeros += 1 }
        }
        let pairs = sample / 2
        if oddZeros * 4 >= pairs * 3, evenZeros * 20 <= pairs { return false }
        if evenZeros * 4 >= pairs * 3, oddZeros * 20 <= pairs { return true }
        return nil
    }

    private static func utf16(_ bytes: [UInt8], from start: Int, bigEndian: Bool, file: String) throws(DropReadError) -> String {
        guard (bytes.count - start) % 2 == 0 else {
            throw notText(file, .readOddUTF16)
        }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        for index in stride(from: start, to: bytes.count, by: 2) {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
        }
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                guard scalar != "\u{0}" else { throw notText(file, .readNULBytes) }
                scalars.append(scalar)
            case .emptyInput:
                return String(scalars)
            case .error:
                throw notText(file, .readBadUTF16)
            }
        }
    }

    /// Text lists have no control characters besides tab and line ends; a file full of them is
    /// binary data in disguise.
    private static func refuseControlCharacters(_ utf8: [UInt8], file: String) throws(DropReadError) {
        var count = ControlCount()
        for byte in utf8 { count.add(byte) }
        if count.tooMany {
            throw notText(file, .readControlCharacters, ["count": .count(count.controls)])
        }
    }

    /// The control characters of valid UTF-8 text, counted a byte at a time (so a list read in
    /// chunks, ``DropTextScan``, counts them as the whole read does): C0 controls are single bytes,
    /// C1 controls (U+0080–U+009F) are C2 80–C2 9F, and every scalar has exactly one non-continuation byte.
    struct ControlCount {
        private(set) var controls = 0
        private var scalars = 0
        private var previous: UInt8 = 0

        mutating func add(_ byte: UInt8) {
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0B && byte != 0x0C && byte != 0x0D && byte != 0x1A)
                || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) {
                controls += 1
            }
            previous = byte
        }

        /// More than a text list has: above 4, and above one scalar in 200.
        var tooMany: Bool { controls > max(4, scalars / 200) }
    }
}
