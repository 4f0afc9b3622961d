/// One record of one tietoryhmä for one person, as received (fields kept in document order).
public struct Record: Hashable, Sendable {
    public var group: GroupName
    /// Present in change deliveries only.
    public var change: ChangeAttribute?
    public var fields: [Field]
    /// Non-nil when the interface sent a censoring placeholder (`turvakiellonAlaisetKentat`):
    /// the names of the suppressed fields (older data lists group names instead).
    public var censoredFields: [String]?

    public init(group: GroupName, change: ChangeAttribute? = nil, fields: [Field] = [], censoredFields: [String]? = nil) {
        self.group = group
        self.change = change
        self.fields = fields
        self.censoredFields = censoredFields
    }

    /// Whether this record is only the interface's censoring placeholder.
    public var isCensoredPlaceholder: Bool { censoredFields != nil }

    /// The first field with this name.
    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The first field's plain text (text, date text, or Finnish text of a bilingual value).
    public func text(_ name: String) -> String? { field(name)?.value.plainText }

    /// A bilingual field.
    public func bilingual(_ name: String) -> Bilingual? {
        switch field(name)?.value {
        case .bilingual(let value): value
        case .text(let text): Bilingual(fi: text)
        default: nil
        }
    }

    /// A date field's calendar date (`alkupv`, `loppupv`, …).
    public func date(_ name: String) -> CivilDate? {
        switch field(name)?.value {
        case .date(let date): date.civilDate
        case .text(let text): CivilDate(iso: text.prefix(10))
        default: nil
        }
    }

    /// A boolean field (`true`/`false`).
    public func bool(_ name: String) -> Bool? {
        switch text(name) {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// The person stub in a field (`huoltaja`, `huollettava`, `puoliso`, …).
    public func stub(_ name: String) -> PersonStub? {
        guard case .composite(let children)? = field(name)?.value else { return nil }
        return PersonStub(fields: children)
    }

    /// The children of a list wrapper (`henkilonKansalaisuudet` → each `kansalaisuus`).
    public func list(_ name: String) -> [[Field]] {
        guard case .composite(let children)? = field(name)?.value else { return [] }
        return children.compactMap { child in
            if case .composite(let grandchildren) = child.value { return grandchildren }
            return [child]
        }
    }

    /// `voimassaolo` is PASSIIVI, or `loppupv` lies before `date`: the record has ended.
    public func hasEnded(on date: CivilDate) -> Bool {
        if text("voimassaolo") == "PASSIIVI" { return true }
        if let end = self.date("loppupv"), end < date { return true }
        return false
    }
}

/// A person referenced inside a record (guardian, dependant, spouse, parent, child).
public struct PersonStub: Hashable, Sendable {
    public var fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    private func text(_ name: String) -> String? { fields.first { $0.name == name }?.value.plainText }

    /// The stub's henkilötunnus text; absent for persons without a Finnish code.
    public var hetu: String? { text("henkilotunnus") }
    public var etunimet: String? { text("etunimet") }
    public var sukunimi: String? { text("sukunimi") }
    /// Birth date from `syntymapv`, else from a valid henkilötunnus.
    public var birthDate: CivilDate? {
        if let text = text("syntymapv"), let date = CivilDate(iso: text.prefix(10)) { return date }
        if let hetu, let code = try? Henkilotunnus(hetu) { return code.birthDate }
        return nil
    }
}
