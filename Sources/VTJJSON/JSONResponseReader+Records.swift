import VTJCore

extension JSONResponseReader {
    /// An entry of `perustiedot`: `{"henkilotunnus", "tietoryhmat"}`, keys in any order.
    func readPerson() throws(JSONReadError) -> Person {
        guard try reader.peekKind() == .object else {
            throw reader.failure("an entry of \"perustiedot\" is not an object", kind: .invalidMessage)
        }
        try reader.enterObject()
        var hetu: String?
        var records: [Record] = []
        var first = true
        while try reader.nextKey(&first) {
            if reader.keyIs("henkilotunnus") {
                hetu = try optionalString("henkilotunnus")
            } else if reader.keyIs("tietoryhmat") {
                try readRecords(into: &records)
            } else {
                try reader.skipValue()
            }
        }
        guard let hetu, !hetu.isEmpty else {
            throw reader.failure("an entry of \"perustiedot\" has no \"henkilotunnus\"", kind: .invalidMessage)
        }
        return Person(hetu: hetu, records: records)
    }

    /// An entry of `muutokset`: `{"henkilotunnus", "muutospv", "tietoryhmat"}`, keys in any order.
    func readChange() throws(JSONReadError) -> Change {
        guard try reader.peekKind() == .object else {
            throw reader.failure("an entry of \"muutokset\" is not an object", kind: .invalidMessage)
        }
        try reader.enterObject()
        var hetu: String?
        var muutospv: String?
        var records: [Record] = []
        var first = true
        while try reader.nextKey(&first) {
            if reader.keyIs("henkilotunnus") {
                hetu = try optionalString("henkilotunnus")
            } else if reader.keyIs("muutospv") {
                muutospv = try optionalString("muutospv")
            } else if reader.keyIs("tietoryhmat") {
                try readRecords(into: &records)
            } else {
                try reader.skipValue()
            }
        }
        guard let hetu, !hetu.isEmpty else {
            throw reader.failure("an entry of \"muutokset\" has no \"henkilotunnus\"", kind: .invalidMessage)
        }
        guard let muutospv, !muutospv.isEmpty else {
            throw reader.failure("an entry of \"muutokset\" has no \"muutospv\"", kind: .invalidMessage)
        }
        return Change(hetu: hetu, muutospv: muutospv, records: records)
    }

    /// `tietoryhmat`: an array of records (`null` = none; `null` entries are skipped).
    private func readRecords(into records: inout [Record]) throws(JSONReadError) {
        guard try !skipNull() else { return }
        guard try reader.peekKind() == .array else { throw reader.failure("\"tietoryhmat\" is not an array", kind: .invalidMessage) }
        try reader.enterArray()
        records.reserveCapacity(16)  // a person has 10–20 records: grow once, not five times
        var first = true
        while try reader.nextItem(&first) {
            if try skipNull() { continue }
            records.append(try readRecord())
        }
    }

    /// One record: the discriminator `tietoryhma`, `muutosattribuutti` in changes, the censoring
    /// marker `turvakiellonAlaisetKentat`, and the fields in document order. The discriminator may
    /// come anywhere, so nothing is decided before the object closes.
    private func readRecord() throws(JSONReadError) -> Record {
        guard try reader.peekKind() == .object else {
            throw reader.failure("an entry of \"tietoryhmat\" is not an object", kind: .invalidMessage)
        }
        try reader.enterObject()
        var group: String?
        var change: ChangeAttribute?
        var censored: [String]?
        var fields: [Field] = []
        fields.reserveCapacity(8)
        var first = true
        while try reader.nextKey(&first) {
            if reader.keyIs("tietoryhma") {
                group = try optionalString("tietoryhma")
            } else if reader.keyIs("muutosattribuutti") {
                guard let text = try optionalString("muutosattribuutti") else { continue }
                guard let value = ChangeAttribute(rawValue: text) else {
                    throw reader.failure("\"muutosattribuutti\": \"\(text.prefix(40))\" is not one the interface knows", kind: .invalidMessage)
                }
                change = value
            } else if reader.keyIs("turvakiellonAlaisetKentat") {
                censored = (censored ?? []) + (try readCensoredNames())
            } else {
                let name = keyNames.name(of: reader)
                if let value = try readValue(name) { fields.append(Field(name, value)) }
            }
        }
        guard let group else { throw reader.failure("a record has no \"tietoryhma\"", kind: .invalidMessage) }
        Self.readTwinSpellings(&fields)
        return Record(group: GroupName(rawValue: group), change: change, fields: fields, censoredFields: censored)
    }

    /// The withheld names of a placeholder. The key itself is the marker (section 5), so any value
    /// makes the record a placeholder: fail closed, a malformed list never reads as "not withheld".
    private func readCensoredNames() throws(JSONReadError) -> [String] {
        switch try reader.peekKind() {
        case .array:
            try reader.enterArray()
            var names: [String] = []
            var first = true
            while try reader.nextItem(&first) {
                if try reader.peekKind() == .string { names.append(try reader.readString()) } else { try reader.skipValue() }
            }
            return names
        case .string:
            return [try reader.readString()]
        default:
            try reader.skipValue()
            return []
        }
    }

    /// A field's value in the XML reader's shapes (vtj-json-wire.md section 6): strings, numbers
    /// and booleans become text exactly as written; `{"arvo", "tarkkuus"}` a date; `{"fi", "sv"}`
    /// a bilingual text; other objects and lists a composite (list items named as the XML
    /// profile names them); an empty object or list an empty text, as an empty XML element reads;
    /// `null` no field at all.
    func readValue(_ name: String) throws(JSONReadError) -> FieldValue? {
        switch try reader.peekKind() {
        case .string: return .text(try reader.readString())
        case .number: return .text(try reader.readNumber())
        case .boolean: return .text(try reader.readBool() ? "true" : "false")
        case .null:
            try reader.readNull()
            return nil
        case .object: return try readObjectValue()
        case .array: return try readListValue(item: JSONWireNames.itemName(ofList: name))
        }
    }

    private func readObjectValue() throws(JSONReadError) -> FieldValue? {
        try reader.enterObject()
        var children: [Field] = []
        var sawArvo = false
        var first = true
        while try reader.nextKey(&first) {
            if reader.keyIs("arvo") { sawArvo = true }
            let name = keyNames.name(of: reader)
            if let value = try readValue(name) {
                if children.isEmpty { children.reserveCapacity(6) }  // a person stub has 5: grow once, not three times
                children.append(Field(name, value))
            }
        }
        return Self.shape(children, sawArvo: sawArvo)
    }

    private func readListValue(item: String) throws(JSONReadError) -> FieldValue {
        try reader.enterArray()
        var items: [Field] = []
        var first = true
        while try reader.nextItem(&first) {
            if let value = try readValue(item) {
                if items.isEmpty { items.reserveCapacity(4) }
                items.append(Field(item, value))
            }
        }
        return items.isEmpty ? .text("") : .composite(items)
    }

    /// Decides an object's shape once its members are known (their order may be any).
    static func shape(_ children: [Field], sawArvo: Bool) -> FieldValue? {
        if sawArvo {
            guard let arvo = children.first(where: { $0.name == "arvo" }) else { return nil }  // "arvo": null
            guard case .text(let text) = arvo.value else { return .composite(children) }
            let precisionText = children.first { $0.name == "tarkkuus" }?.value.plainText
            let precision = precisionText.flatMap { PartialDate.Precision(rawValue: $0) }
            return .date(PartialDate(text: text, precision: precision))
        }
        if children.isEmpty { return .text("") }
        // A text in `fi` or `sv` makes the object a bilingual text; other keys beside them are
        // unknown keys, ignored as everywhere (the XML reader would make a composite of them, and
        // the group schema would then drop the whole address).
        var languages = Bilingual(fi: nil, sv: nil)
        for child in children {
            guard case .text(let text) = child.value else { continue }
            if child.name == "fi", languages.fi == nil { languages.fi = text }
            if child.name == "sv", languages.sv == nil { languages.sv = text }
        }
        return languages.fi == nil && languages.sv == nil ? .composite(children) : .bilingual(languages)
    }

    /// `kuntaanMuuttoPv` (an older spelling sent beside the current one) reads as
    /// `kuntaanMuuttopv`, or is dropped when the current spelling is there too.
    static func readTwinSpellings(_ fields: inout [Field]) {
        // A plain comparison per field: a dictionary lookup here cost more than the rest of the record.
        guard let index = fields.firstIndex(where: { $0.name == JSONWireNames.olderSpelling }) else { return }
        if fields.contains(where: { $0.name == JSONWireNames.currentSpelling }) {
            fields.remove(at: index)
        } else {
            fields[index].name = JSONWireNames.currentSpelling
        }
        readTwinSpellings(&fields)
    }
}
