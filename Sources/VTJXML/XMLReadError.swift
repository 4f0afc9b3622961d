import VTJCore

/// An XML document could not be read: names the document, the line and the reason.
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it was, so a caller can answer precisely (the sandbox's `koodi`,
    /// the client's transient/permanent decision).
    public enum Kind: Sendable, Hashable {
        /// Not well-formed, cut short, or not readable at all.
        case malformed
        /// A DOCTYPE, an entity or another construct the profile refuses for safety.
        case forbiddenConstruct
        /// Well-formed, but the root element is not the expected message.
        case unexpectedRoot
        /// The right message with wrong content (a missing attribute, a bad number, …).
        case invalidMessage
        /// A request whose restriction the interface refuses (too many hetus, both or neither
        /// of `hetulista` and `kuntarajaus`, a `hetulista` without a `hetu`).
        case restriction(Restriction.Problem)
    }

    public let document: String
    public let line: Int
    public let reason: String
    public let kind: Kind

    public init(document: String, line: Int, reason: String, kind: Kind = .malformed) {
        self.document = document
        self.line = line
        self.reason = reason
        self.kind = kind
    }

    public var description: String { "\(document):\(line): \(reason)" }

    /// The `virhe/koodi` an interface answers this problem with (HTTP 400).
    public var interfaceCode: String {
        if case .restriction(let problem) = kind { problem.interfaceCode } else { Restriction.Problem.malformedMessageCode }
    }
}
