import VTJCore

/// A JSON document could not be read: names the document, the line, the byte offset and the reason.
public struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it was, so a caller can answer precisely (the sandbox's `koodi`, the
    /// client's retry decision).
    public enum Kind: Sendable, Hashable {
        /// Not JSON: a syntax error, invalid UTF-8, a body cut short, nesting deeper than allowed.
        case malformed
        /// JSON, but not the message expected (a missing key, a value of the wrong type).
        case invalidMessage
        /// A request with a key its schema does not allow (`additionalProperties: false`).
        case unknownKey
        /// A request whose restriction the interface refuses (too many hetus, both or neither
        /// of `hetulista` and `kuntakoodit`, an empty `hetulista`).
        case restriction(Restriction.Problem)
    }

    public let document: String
    public let line: Int
    /// Byte offset from the start of the document.
    public let offset: Int64
    public let reason: String
    public let kind: Kind

    public init(document: String, line: Int, offset: Int64, reason: String, kind: Kind = .malformed) {
        self.document = document
        self.line = line
        self.offset = offset
        self.reason = reason
        self.kind = kind
    }

    public var description: String { "\(document):\(line) (byte \(offset)): \(reason)" }

    /// The `koodi` an interface answers this problem with (HTTP 400), the same codes as the XML profile.
    public var interfaceCode: String {
        if case .restriction(let problem) = kind { problem.interfaceCode } else { Restriction.Problem.malformedMessageCode }
    }
}
