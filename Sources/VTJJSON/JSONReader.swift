#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull reader over JSON text (RFC 8259), streaming from a file descriptor or reading bytes in
/// memory: the caller walks the document value by value, so a body of any size is read with one
/// 64 KiB buffer and nothing is kept that the caller does not keep.
///
/// A token (a string, a number, a key) always lies whole in the buffer, which grows for a long one
/// up to ``maxTokenBytes``. Strings are checked to be UTF-8, nesting is limited to ``maxDepth``,
/// and every syntax error is a ``JSONReadError`` naming the line and byte. One reader reads one
/// document once; it is not thread-safe.
///
/// ```swift
/// let reader = JSONReader(bytes: Array(#"{"a": [1, true]}"#.utf8), documentName: "example")
/// try reader.enterObject()
/// var first = true
/// while try reader.nextKey(&first) {
///     if reader.keyIs("a") { … } else { try reader.skipValue() }
/// }
/// try reader.finish()
/// ```
public final class JSONReader {
    /// The kind of the value that starts at the reader's position.
    public enum ValueKind: Sendable, Equatable {
        case object, array, string, number, boolean, null
    }

    /// Deepest nesting of objects and arrays accepted (a hostile `[[[[…` cannot exhaust the stack).
    public static let maxDepth = 64
    /// Longest single token (string, number, key) accepted.
    public static let maxTokenBytes = 16 << 20

    public let documentName: String
    /// The line of the reader's position (1-based).
    public var line: Int { state.pointee.line }

    /// The reader's position and buffer, behind a pointer: the hot loops read and write them per
    /// byte, and a class's stored properties would cost a dynamic exclusivity check each time.
    struct State {
        var buffer: UnsafeMutablePointer<UInt8>
        var capacity: Int
        /// First unread byte.
        var start = 0
        /// One past the last valid byte.
        var end = 0
        var line = 1
        var atEOF: Bool
        /// Bytes dropped from the buffer's front before `buffer[0]`.
        var discarded: Int64 = 0
        var depth = 0
        /// The last key read by ``nextKey(_:)`` (escapes decoded).
        var keyBuffer: UnsafeMutablePointer<UInt8>
        var keyCount = 0
        var keyCapacity = 64
    }

    let state: UnsafeMutablePointer<State>
    private let fileDescriptor: Int32
    /// Decoded bytes of a string with escapes.
    var scratch: [UInt8] = []

    var buffer: UnsafeMutablePointer<UInt8> {
        get { state.pointee.buffer }
        set { state.pointee.buffer = newValue }
    }
    var capacity: Int {
        get { state.pointee.capacity }
        set { state.pointee.capacity = newValue }
    }
    var start: Int {
        get { state.pointee.start }
        set { state.pointee.start = newValue }
    }
    var end: Int {
        get { state.pointee.end }
        set { state.pointee.end = newValue }
    }
    var keyBuffer: UnsafeMutablePointer<UInt8> { state.pointee.keyBuffer }
    var keyCount: Int {
        get { state.pointee.keyCount }
        set { state.pointee.keyCount = newValue }
    }
    var keyCapacity: Int { state.pointee.keyCapacity }
    /// Longest key accepted.
    static let maxKeyBytes = 4096

    /// Streams from an open descriptor (which stays the caller's to close).
    public init(fileDescriptor: Int32, documentName: String, bufferSize: Int = 64 * 1024) {
        self.documentName = documentName
        self.fileDescriptor = fileDescriptor
        let capacity = max(16, bufferSize)
        state = .allocate(capacity: 1)
        state.initialize(to: State(buffer: .allocate(capacity: capacity), capacity: capacity, atEOF: false,
                                   keyBuffer: .allocate(capacity: 64)))
    }

    /// Reads bytes in memory (copied, so the caller's array may go away).
    public init(bytes: [UInt8], documentName: String) {
        self.documentName = documentName
        self.fileDescriptor = -1
        let capacity = max(16, bytes.count)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
        }
        state = .allocate(capacity: 1)
        state.initialize(to: State(buffer: buffer, capacity: capacity, end: bytes.count, atEOF: true, keyBuffer: .allocate(capacity: 64)))
    }

    func growKeyBuffer(to count: Int) {
        state.pointee.keyCapacity = max(count, state.pointee.keyCapacity * 2)
        state.pointee.keyBuffer.deallocate()
        state.pointee.keyBuffer = .allocate(capacity: state.pointee.keyCapacity)
    }

    deinit {
        state.pointee.buffer.deallocate()
        state.pointee.keyBuffer.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Byte offset of the reader's position from the start of the document.
    public var offset: Int64 { state.pointee.discarded + Int64(start) }

    /// An error at the reader's position.
    public func failure(_ reason: String, kind: JSONReadError.Kind = .malformed) -> JSONReadError {
        JSONReadError(document: documentName, line: line, offset: offset, reason: reason, kind: kind)
    }

    // MARK: - Structure

    /// The kind of the next value (blanks skipped); fails at the end of the document or on a byte no value starts with.
    public func peekKind() throws(JSONReadError) -> ValueKind {
        guard let byte = try skipBlanks() else { throw failure("the document ends where a value is expected") }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: throw failure("\(Self.describe(byte)) cannot start a value")
        }
    }

    /// Consumes the `{` of an object.
    public func enterObject() throws(JSONReadError) {
        guard try peekKind() == .object else { throw failure("expected an object", kind: .invalidMessage) }
        try descend()
    }

    /// Consumes the `[` of an array.
    public func enterArray() throws(JSONReadError) {
        guard try peekKind() == .array else { throw failure("expected an array", kind: .invalidMessage) }
        try descend()
    }

    /// Inside an object: reads the next key and its `:` and returns true, or consumes the `}` and
    /// returns false. `first` starts true for each object (the reader then expects no comma).
    public func nextKey(_ first: inout Bool) throws(JSONReadError) -> Bool {
        guard var byte = try skipBlanks() else { throw failure("the document ends inside an object") }
        if byte == UInt8(ascii: "}") {
            start += 1
            state.pointee.depth -= 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw failure("expected , or } after a member, found \(Self.describe(byte))") }
            start += 1
            guard let next = try skipBlanks() else { throw failure("the document ends inside an object") }
            byte = next
        }
        first = false
        guard byte == UInt8(ascii: "\"") else { throw failure("expected a key in quotes, found \(Self.describe(byte))") }
        try readKey()
        guard try skipBlanks() == UInt8(ascii: ":") else { throw failure("expected : after the key \"\(keyString())\"") }
        start += 1
        return true
    }

    /// Inside an array: returns true when another value follows (the value is not consumed), or
    /// consumes the `]` and returns false. `first` starts true for each array.
    public func nextItem(_ first: inout Bool) throws(JSONReadError) -> Bool {
        guard let byte = try skipBlanks() else { throw failure("the document ends inside an array") }
        if byte == UInt8(ascii: "]") {
            start += 1
            state.pointee.depth -= 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw failure("expected , or ] after a value, found \(Self.describe(byte))") }
            start += 1
        }
        first = false
        return true
    }

    /// Skips the next value whole, whatever it is (checked all the same).
    public func skipValue() throws(JSONReadError) {
        switch try peekKind() {
        case .object:
            try descend()
            var first = true
            while try nextKey(&first) { try skipValue() }
        case .array:
            try descend()
            var first = true
            while try nextItem(&first) { try skipValue() }
        case .string: try skipString()
        case .number: try skipNumber()
        case .boolean: _ = try readBool()
        case .null: try readNull()
        }
    }

    /// After the root value: only blanks may follow.
    public func finish() throws(JSONReadError) {
        if let byte = try skipBlanks() { throw failure("\(Self.describe(byte)) after the end of the document") }
    }

    /// Whether the last key is exactly `name` (compared as bytes, no string built).
    public func keyIs(_ name: StaticString) -> Bool {
        name.utf8CodeUnitCount == keyCount && memcmp(name.utf8Start, keyBuffer, keyCount) == 0
    }

    /// The last key as a string.
    public func keyString() -> String {
        String(decoding: UnsafeBufferPointer(start: keyBuffer, count: keyCount), as: UTF8.self)
    }

    // MARK: - Literals

    /// Reads `true` or `false`.
    public func readBool() throws(JSONReadError) -> Bool {
        guard let byte = try skipBlanks() else { throw failure("the document ends where true or false is expected") }
        if byte == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        guard byte == UInt8(ascii: "f") else { throw failure("expected true or false", kind: .invalidMessage) }
        try literal("false")
        return false
    }

    /// Reads `null`.
    public func readNull() throws(JSONReadError) {
        guard try skipBlanks() == UInt8(ascii: "n") else { throw failure("expected null", kind: .invalidMessage) }
        try literal("null")
    }

    private func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        try require(count)
        guard memcmp(buffer + start, word.utf8Start, count) == 0 else {
            throw failure("a bare word that is not \(word)")
        }
        start += count
        // "trueish" is not JSON: a literal must end at a delimiter.
        if let next = try peekRaw(), Self.isWordByte(next) { throw failure("a bare word that is not \(word)") }
    }

    // MARK: - Buffer

    private func descend() throws(JSONReadError) {
        guard state.pointee.depth < Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth) levels") }
        state.pointee.depth += 1
        start += 1
    }

    /// Skips blanks; the byte at the position afterwards, or nil at the end of the document.
    @inline(__always)
    func skipBlanks() throws(JSONReadError) -> UInt8? {
        while true {
            let buffer = state.pointee.buffer
            var index = state.pointee.start
            let end = state.pointee.end
            while index < end {
                let byte = buffer[index]
                if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    index += 1
                } else if byte == 0x0A {
                    state.pointee.line += 1
                    index += 1
                } else {
                    state.pointee.start = index
                    return byte
                }
            }
            state.pointee.start = index
            guard try fill() else { return nil }
        }
    }

    /// The byte at the position (blanks not skipped), or nil at the end.
    func peekRaw() throws(JSONReadError) -> UInt8? {
        if start < end { return buffer[start] }
        return try fill() ? buffer[start] : nil
    }

    /// Makes `count` bytes from the position available, or fails at the end of the document.
    func require(_ count: Int) throws(JSONReadError) {
        while end - start < count {
            guard try fill() else { throw failure("the document ends inside a value") }
        }
    }

    /// Reads more bytes behind `end`, moving unread bytes to the front (or growing the buffer for
    /// a long token) first. False at the end of the document.
    func fill() throws(JSONReadError) -> Bool {
        guard !state.pointee.atEOF else { return false }
        if start == end {
            state.pointee.discarded += Int64(start)
            start = 0
            end = 0
        } else if end == capacity {
            if start > 0 {
                buffer.update(from: buffer + start, count: end - start)
                state.pointee.discarded += Int64(start)
                end -= start
                start = 0
            } else {
                guard capacity < Self.maxTokenBytes else { throw failure("a single value longer than \(Self.maxTokenBytes >> 20) MiB") }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                grown.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = grown
                capacity *= 2
            }
        }
        while true {
            let count = read(fileDescriptor, buffer + end, capacity - end)
            if count > 0 {
                end += count
                return true
            }
            if count == 0 {
                state.pointee.atEOF = true
                return false
            }
            if errno == EINTR { continue }
            throw failure("cannot read the document (errno \(errno))")
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
