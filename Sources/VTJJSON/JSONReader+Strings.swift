#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONReader {
    /// Reads a string value (escapes decoded, UTF-8 checked).
    public func readString() throws(JSONReadError) -> String {
        guard let byte = try skipBlanks() else { throw failure("the document ends where a string is expected") }
        guard byte == UInt8(ascii: "\"") else { throw failure("expected a string", kind: .invalidMessage) }
        let (length, escaped) = try scanString()
        defer { start += length + 2 }
        if !escaped { return try makeString(UnsafeBufferPointer(start: buffer + start + 1, count: length), decoded: false) }
        try unescape(length)
        return try scratch.withUnsafeBufferPointer { bytes throws(JSONReadError) in try makeString(bytes, decoded: true) }
    }

    /// Reads a number's text exactly as written (checked against JSON's grammar).
    public func readNumber() throws(JSONReadError) -> String {
        guard let byte = try skipBlanks() else { throw failure("the document ends where a number is expected") }
        guard byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) else {
            throw failure("expected a number", kind: .invalidMessage)
        }
        let length = try numberSpan()
        defer { start += length }
        return String(decoding: UnsafeBufferPointer(start: buffer + start, count: length), as: UTF8.self)
    }

    /// Reads a whole number that fits 64 bits (`5446623423`); a fraction or exponent is refused.
    public func readInt64() throws(JSONReadError) -> Int64 {
        let text = try readNumber()
        guard let value = Int64(text) else {
            throw failure("\(text.prefix(40)) is not a whole number of at most 64 bits", kind: .invalidMessage)
        }
        return value
    }

    /// On a `"`: reads the key into the key buffer.
    func readKey() throws(JSONReadError) {
        let (length, escaped) = try scanString()
        defer { start += length + 2 }
        if escaped {
            try unescape(length)
            try scratch.withUnsafeBufferPointer { bytes throws(JSONReadError) in try storeKey(bytes) }
        } else {
            let bytes = UnsafeBufferPointer(start: buffer + start + 1, count: length)
            guard Self.isASCII(bytes) || Self.validatedString(bytes) != nil else { throw failure("a key is not valid UTF-8") }
            try storeKey(bytes)
        }
    }

    /// On a `"`: skips the string (still checked).
    func skipString() throws(JSONReadError) {
        let (length, escaped) = try scanString()
        defer { start += length + 2 }
        if escaped { try unescape(length) } else {
            guard Self.validatedString(UnsafeBufferPointer(start: buffer + start + 1, count: length)) != nil else {
                throw failure("a string is not valid UTF-8")
            }
        }
    }

    /// On a `"`: the length of the string's raw content up to its closing quote (which then lies
    /// in the buffer), and whether it holds escapes. Raw control characters are refused.
    private func scanString() throws(JSONReadError) -> (length: Int, escaped: Bool) {
        var index = 1
        var escaped = false
        while true {
            // Locals: the buffer and its bounds change only in fill().
            let buffer = self.buffer
            let start = self.start
            let end = self.end
            while start + index < end {
                let byte = buffer[start + index]
                if byte == UInt8(ascii: "\"") { return (index - 1, escaped) }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 2
                    continue
                }
                if byte < 0x20 {
                    if byte == 0x0A { throw failure("a string is not closed before the end of the line") }
                    throw failure("a raw control character (\(Self.describe(byte))) inside a string")
                }
                index += 1
            }
            guard try fill() else { throw failure("the document ends inside a string") }
        }
    }

    /// Decodes the escapes of the raw string content at `start + 1` into `scratch`.
    private func unescape(_ length: Int) throws(JSONReadError) {
        scratch.removeAll(keepingCapacity: true)
        var index = start + 1
        let stop = start + 1 + length
        while index < stop {
            let byte = buffer[index]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                index += 1
                continue
            }
            let code = buffer[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(code)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: index, stop: stop)
                index += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard index + 6 <= stop, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") else {
                        throw failure("a \\u escape holds half of a surrogate pair")
                    }
                    let low = try hex4(at: index + 2, stop: stop)
                    guard low >= 0xDC00 && low < 0xE000 else { throw failure("a \\u escape holds half of a surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw failure("a \\u escape holds half of a surrogate pair")
                }
                guard let value = Unicode.Scalar(scalar) else { throw failure("a \\u escape is not a character") }
                scratch.append(contentsOf: UTF8.encode(value)!)
            default:
                throw failure("\\\(Self.describe(code)) is not a JSON escape")
            }
        }
    }

    private func hex4(at index: Int, stop: Int) throws(JSONReadError) -> UInt32 {
        guard index + 4 <= stop else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = buffer[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A string from bytes, checked to be UTF-8. Control characters other than tab, line feed and carriage
    /// return are refused, as XML 1.0 refuses them: what the XML path cannot carry, this one does not either.
    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>, decoded: Bool) throws(JSONReadError) -> String {
        guard let text = Self.validatedString(bytes) else { throw failure("a string is not valid UTF-8") }
        // Raw control characters were refused while scanning; only escapes can have made one.
        guard decoded else { return text }
        for byte in bytes where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            throw failure("a string holds the control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))")
        }
        return text
    }

    private func storeKey(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONReadError) {
        if bytes.count > Self.maxKeyBytes { throw failure("a key longer than \(Self.maxKeyBytes) bytes") }
        if bytes.count > keyCapacity { growKeyBuffer(to: bytes.count) }
        if let base = bytes.baseAddress { keyBuffer.update(from: base, count: bytes.count) }
        keyCount = bytes.count
    }

    /// A string from UTF-8, or nil when the bytes are not valid UTF-8. `String(decoding:)` repairs
    /// instead of refusing, so a repaired result (its bytes differ) means the input was invalid;
    /// `String(validating:as:)` would say the same but looks up generic metadata on every call.
    static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        if isASCII(bytes) { return text }
        // Compared as buffers: the UTF-8 view's generic walk cost more than making the string.
        let same = text.withUTF8 { made in
            made.count == bytes.count && (made.isEmpty || memcmp(made.baseAddress!, bytes.baseAddress!, made.count) == 0)
        }
        return same ? text : nil
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// On a number's first byte: skips the number (checked against the grammar).
    func skipNumber() throws(JSONReadError) {
        start += try numberSpan()
    }

    /// On a number's first byte: its length, checked against the grammar; the number then lies
    /// whole in the buffer from `start` (not consumed).
    private func numberSpan() throws(JSONReadError) -> Int {
        var index = 0
        // Grow the window until a delimiter (or the end) follows the number's bytes.
        while true {
            while start + index < end, Self.isNumberByte(buffer[start + index]) { index += 1 }
            if start + index < end { break }
            guard try fill() else { break }
        }
        guard Self.isNumber(UnsafeBufferPointer(start: buffer + start, count: index)) else {
            throw failure("\(String(decoding: UnsafeBufferPointer(start: buffer + start, count: min(index, 40)), as: UTF8.self)) is not a JSON number")
        }
        return index
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func digits() -> Int {
            let from = index
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return false }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { return false }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == count
    }
}
