import VTJCore

extension ResponseReader {
    /// On a `henkilo` start: the person, read to its end.
    func readPerson() throws(XMLReadError) -> Person {
        guard let hetu = cursor.attribute(Wire.henkilotunnus) else {
            throw cursor.failure("<\(Wire.henkilo)> has no \(Wire.henkilotunnus) attribute", kind: .invalidMessage)
        }
        return Person(hetu: hetu, records: try readRecords())
    }

    /// On a `muutos` start: the change entry, read to its end.
    func readChange() throws(XMLReadError) -> Change {
        guard let hetu = cursor.attribute(Wire.henkilotunnus) else {
            throw cursor.failure("<\(Wire.muutos)> has no \(Wire.henkilotunnus) attribute", kind: .invalidMessage)
        }
        guard let muutospv = cursor.attribute(Wire.muutospv) else {
            throw cursor.failure("<\(Wire.muutos)> has no \(Wire.muutospv) attribute", kind: .invalidMessage)
        }
        return Change(hetu: hetu, muutospv: muutospv, records: try readRecords())
    }

    /// The `tietoryhma` children of the open `henkilo`/`muutos` (other children are skipped).
    private func readRecords() throws(XMLReadError) -> [Record] {
        var records: [Record] = []
        guard !cursor.isEmpty else { return records }
        records.reserveCapacity(16) // a person has 10–20 records: grow once, not five times
        let depth = cursor.depth
        while let id = try cursor.nextChild(of: depth) {
            if id == ids.tietoryhma { records.append(try readRecord()) } else { try cursor.skipElement() }
        }
        return records
    }

    /// On a `tietoryhma` start: one record with its fields in document order.
    private func readRecord() throws(XMLReadError) -> Record {
        // A product group's name is the shared text (no string per record), compared by index later.
        guard let group = cursor.attributeBytes(Wire.nimi, { bytes in
            GroupName(productGroupUTF8: bytes) ?? GroupName(rawValue: String(decoding: bytes, as: UTF8.self))
        }) else {
            throw cursor.failure("<\(Wire.tietoryhma)> has no \(Wire.nimi) attribute", kind: .invalidMessage)
        }
        var change: ChangeAttribute?
        if let text = cursor.attribute(Wire.muutosattribuutti) {
            guard let value = ChangeAttribute(rawValue: text.trimmingBlanks) else {
                throw cursor.failure("\(Wire.muutosattribuutti)=\"\(text.prefix(40))\" is not one the profile knows", kind: .invalidMessage)
            }
            change = value
        }
        var record = Record(group: group, change: change)
        guard !cursor.isEmpty else { return record }
        record.fields.reserveCapacity(8) // most records have 1–8 fields: one allocation, no growth
        let depth = cursor.depth
        while let id = try cursor.nextChild(of: depth) {
            if id == ids.turvakiellonAlaisetKentat {
                record.censoredFields = (record.censoredFields ?? []) + (try readCensoredFields())
            } else {
                record.fields.append(try readField())
            }
        }
        return record
    }

    /// On a `turvakiellonAlaisetKentat` start: the names in its `kentta` children.
    private func readCensoredFields() throws(XMLReadError) -> [String] {
        var names: [String] = []
        guard !cursor.isEmpty else { return names }
        let depth = cursor.depth
        while let id = try cursor.nextChild(of: depth) {
            if id == ids.kentta { names.append(try cursor.readText().trimmingBlanks) } else { try cursor.skipElement() }
        }
        return names
    }

    /// On an element start inside a record: the field, by the profile's shapes — text only →
    /// text (kept exactly, blanks included); with `tarkkuus` → date; only `fi`/`sv` children →
    /// bilingual; other children → composite (order kept). Text beside child elements is blank
    /// formatting and dropped.
    func readField() throws(XMLReadError) -> Field {
        let name = cursor.name
        // nil: no `tarkkuus`, a date otherwise (its precision nil when the text names none).
        let precision: PartialDate.Precision?? =
            cursor.hasAttributes ? cursor.attributeBytes(Wire.tarkkuus, ResponseReader.precision(of:)) : nil
        func leaf(_ text: String) -> Field {
            guard let precision else { return Field(name, .text(text)) }
            return Field(name, .date(PartialDate(text: text, precision: precision)))
        }
        if cursor.isEmpty { return leaf("") }
        let depth = cursor.depth
        var text = ""
        var children: [Field] = []
        var onlyLanguages = true
        while true {
            try cursor.stepInside()
            switch cursor.kind {
            case .text, .whitespace:
                guard children.isEmpty else { continue }
                if text.isEmpty { text = cursor.value } else { text += cursor.value }
            case .element:
                let id = cursor.nameID
                let child = try readField()
                if children.isEmpty { children.reserveCapacity(6) } // a person stub has 5
                if onlyLanguages {
                    onlyLanguages = (id == ids.fi || id == ids.sv) && { if case .text = child.value { true } else { false } }()
                }
                children.append(child)
            case .end:
                guard cursor.depth == depth else { continue }
                if children.isEmpty { return leaf(text) }
                if onlyLanguages { return Field(name, .bilingual(ResponseReader.bilingual(children))) }
                return Field(name, .composite(children))
            }
        }
    }

    /// A `tarkkuus` value's precision, read from its bytes: the profile's three names are matched
    /// without making a string (a string and a string switch per date field before); anything
    /// else as before, exactly or trimmed of blanks.
    static func precision(of bytes: UnsafeBufferPointer<UInt8>) -> PartialDate.Precision? {
        switch bytes.count {
        case 5 where bytes.elementsEqual("PAIVA".utf8): return .day
        case 5 where bytes.elementsEqual("VUOSI".utf8): return .year
        case 8 where bytes.elementsEqual("KUUKAUSI".utf8): return .month
        default: break
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return PartialDate.Precision(rawValue: text) ?? PartialDate.Precision(rawValue: text.trimmingBlanks)
    }

    private static func bilingual(_ children: [Field]) -> Bilingual {
        var value = Bilingual(fi: nil, sv: nil)
        for child in children {
            guard case .text(let text) = child.value else { continue }
            if child.name == Wire.fi, value.fi == nil { value.fi = text }
            if child.name == Wire.sv, value.sv == nil { value.sv = text }
        }
        return value
    }
}
