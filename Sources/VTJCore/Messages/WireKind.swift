/// The encoding of the interface the client speaks (`vtj.wire`).
public enum WireKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// vtjdrop's XML profile of VTJ-muutosrajapinta (vtj-xml-profile.md), the default.
    case xml
    /// DVV's own REST + JSON encoding (vtj-json-wire.md): the public sandbox and production through X-Road.
    case json
    /// DVV's older SOAP query interface VTJ-kyselyrajapinta through X-Road (vtj-soap-kysely.md):
    /// one henkilötunnus per message, current data only.
    case soap

    public var description: String { rawValue }

    /// Whether a drop's `toiminto` can be served on this wire at all. The SOAP query interface has
    /// no change log, no followed register and no selection by municipality (vtj-soap-kysely.md §11).
    public func serves(_ operation: DropContent.Operation) -> Bool {
        switch self {
        case .xml, .json: true
        case .soap: operation == .perustiedot
        }
    }

    /// The wires that serve `operation`, for the refusal's "use … instead".
    public static func serving(_ operation: DropContent.Operation) -> [WireKind] {
        allCases.filter { $0.serves(operation) }
    }
}
