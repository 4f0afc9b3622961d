/// One field inside a tietoryhmä record, kept generically so unknown fields survive.
public struct Field: Hashable, Sendable {
    public var name: String
    public var value: FieldValue

    public init(_ name: String, _ value: FieldValue) {
        self.name = name
        self.value = value
    }

    /// A text field.
    public static func text(_ name: String, _ text: String) -> Field { Field(name, .text(text)) }
    /// A date field.
    public static func date(_ name: String, _ date: PartialDate) -> Field { Field(name, .date(date)) }
    /// A bilingual field (`fi` and optional `sv`).
    public static func bilingual(_ name: String, fi: String, sv: String? = nil) -> Field {
        Field(name, .bilingual(Bilingual(fi: fi, sv: sv)))
    }
    /// A structured field (person stub, list wrapper, organisation).
    public static func composite(_ name: String, _ children: [Field]) -> Field { Field(name, .composite(children)) }
}

/// The value of a field: the shapes of the wire profile (section 3).
public enum FieldValue: Hashable, Sendable {
    /// Text, a code or a boolean (`true`/`false`).
    case text(String)
    /// An element with `tarkkuus`.
    case date(PartialDate)
    /// An element with `fi` and optional `sv` children.
    case bilingual(Bilingual)
    /// An element with child elements: a person stub, a list wrapper, an organisation; order kept.
    case composite([Field])
}

/// Finnish and optional Swedish text.
public struct Bilingual: Hashable, Sendable {
    public var fi: String?
    public var sv: String?

    public init(fi: String?, sv: String? = nil) {
        self.fi = fi
        self.sv = sv
    }
}

extension FieldValue {
    /// The value as plain text: text itself, a date's text, a bilingual value's Finnish text.
    public var plainText: String? {
        switch self {
        case .text(let text): text
        case .date(let date): date.text
        case .bilingual(let value): value.fi ?? value.sv
        case .composite: nil
        }
    }
}
