#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes compact JSON into memory, or streams it to a file descriptor in 64 KiB pieces.
///
/// The caller is responsible for the structure (keys only inside objects, one root value); the
/// writer adds the commas and escapes every string, so no text can break the document.
public final class JSONWriter {
    private var bytes: [UInt8] = []
    private let fileDescriptor: Int32?
    /// Whether the container being written still needs a comma before its next member.
    private var needsComma: [Bool] = [false]
    private var afterKey = false
    /// errno of a failed write to the descriptor (later writes are then dropped).
    public private(set) var writeErrno: Int32?

    /// Writes into memory; take the document with ``finish()``.
    public init(capacity: Int = 4096) {
        fileDescriptor = nil
        bytes.reserveCapacity(capacity)
    }

    /// Streams to `fileDescriptor` (which stays the caller's to close); call ``flush()`` at the end.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        bytes.reserveCapacity(1 << 16)
    }

    /// The document written so far (memory writers).
    public func finish() -> [UInt8] { bytes }

    /// Writes what is buffered to the descriptor; false when a write failed.
    @discardableResult
    public func flush() -> Bool {
        guard let fileDescriptor, writeErrno == nil else { return writeErrno == nil }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fileDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                writeErrno = errno
                break
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
        return writeErrno == nil
    }

    public func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
        spill()
    }

    public func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
        spill()
    }

    /// A member's key; its value is written next.
    public func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public func string(_ value: String) {
        separate()
        appendString(value)
    }

    /// A number given as its text; the caller guarantees JSON's number grammar.
    public func number(text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    public func number(_ value: Int64) { number(text: String(value)) }

    public func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// `"key": "value"`.
    public func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    private func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Streams when enough is buffered (only between values, so nothing is ever half-written).
    private func spill() {
        if fileDescriptor != nil, bytes.count >= 1 << 16 { flush() }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
