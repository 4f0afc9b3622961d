/// One field a group may carry on delivery, and its shape (wire profile, section 3).
public struct FieldSpec: Hashable, Sendable {
    /// The shape of a field's value.
    public enum Kind: Hashable, Sendable {
        case text
        case date
        case bilingual
        /// A person stub: only ``FieldSpec/stubFields`` survive (never an address).
        case stub
        /// A wrapper whose children are `item` elements, each with these fields.
        case list(item: String, fields: [FieldSpec])
        /// A wrapper whose children are `item` text elements.
        case textList(item: String)
        /// An element with these child fields (an organisation).
        case composite([FieldSpec])
    }

    public let name: String
    public let kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The only fields a person stub may carry when delivered.
    public static let stubFields: [FieldSpec] = [
        FieldSpec("henkilotunnus", .text), FieldSpec("etunimet", .text), FieldSpec("sukunimi", .text),
        FieldSpec("syntymapv", .date), FieldSpec("sukupuoli", .text),
    ]
}
