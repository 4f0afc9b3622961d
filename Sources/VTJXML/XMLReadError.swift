/// An XML document could not be read: names the document, the line and the reason.
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it was, so a caller can answer precisely (the sandbox's `koodi`,
    /// the client's transient/permanent decision).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Not well-formed, cut short, or not readable at all.
        case malformed
        /// A DOCTYPE, an entity or another construct the profile refuses for safety.
        case forbiddenConstruct
        /// Well-formed, but the root element is not the expected message.
        case unexpectedRoot
        /// The right message with wrong content (a missing attribute, a bad number, …).
        case invalidMessage
        /// A request with more than ``Restriction/maxHetusPerMessage`` hetus.
        case tooManyHetus
        /// A request with both `hetulista` and `kuntarajaus`.
        case conflictingRestriction
        /// A request with neither `hetulista` nor `kuntarajaus`.
        case missingRestriction
        /// A request whose `hetulista` holds no `hetu`.
        case emptyHetulista
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
        switch kind {
        case .tooManyHetus: "LIIAN_MONTA_HETUA"
        case .conflictingRestriction: "RISTIRIITAINEN_RAJAUS"
        case .missingRestriction: "PUUTTUVA_RAJAUS"
        case .emptyHetulista: "TYHJA_HETULISTA"
        case .malformed, .forbiddenConstruct, .unexpectedRoot, .invalidMessage: "VIRHEELLINEN_SANOMA"
        }
    }
}
