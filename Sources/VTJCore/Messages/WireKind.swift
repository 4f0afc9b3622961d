/// The encoding of the interface the client speaks (`vtj.wire`).
public enum WireKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// vtjdrop's XML profile of VTJ-muutosrajapinta (vtj-xml-profile.md), the default.
    case xml
    /// DVV's own REST + JSON encoding (vtj-json-wire.md): the public sandbox and production through X-Road.
    case json

    public var description: String { rawValue }
}
