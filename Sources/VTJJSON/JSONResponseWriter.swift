import VTJCore

/// Writes answers of the JSON wire (what the sandbox serves, and the benchmark's bodies) from the
/// same ``Person``/``Change`` values the XML profile's writer takes: one answer model, encoded per wire.
///
/// Typing follows DVV (vtj-json-wire.md section 2): codes stay strings, the fields of
/// ``JSONWireNames/integerFields`` are JSON integers and those of ``JSONWireNames/booleanFields``
/// JSON booleans when their text is one; dates are `{"arvo", "tarkkuus"}`, bilingual texts
/// `{"fi", "sv"}`, the lists of ``JSONWireNames/listItems`` arrays.
public enum JSONResponseWriter {
    /// A `/perustiedot` page (`poimintapv` added for a `/perustiedot-vko` snapshot).
    public static func perustiedot(_ persons: [Person], page: PerustiedotPageInfo, extractionDate: String? = nil) -> [UInt8] {
        let writer = JSONWriter(capacity: 1024 + persons.count * 2048)
        writer.beginObject()
        writer.key("perustiedot")
        writer.beginArray()
        for person in persons { writePerson(person, to: writer) }
        writer.endArray()
        writer.key("ajanTasalla")
        writer.bool(page.upToDate)
        if let extractionDate { writer.member("poimintapv", extractionDate) }
        if let continuation = page.continuation { writer.member("jatkoavain", continuation) }
        writer.endObject()
        return writer.finish()
    }

    /// A `/muutokset` page.
    public static func muutokset(_ changes: [Change], page: MuutoksetPageInfo) -> [UInt8] {
        let writer = JSONWriter(capacity: 1024 + changes.count * 1024)
        writer.beginObject()
        writer.key("viimeisinKirjausavain")
        writer.number(page.logKey)
        writer.key("muutokset")
        writer.beginArray()
        for change in changes { writeChange(change, to: writer) }
        writer.endArray()
        writer.key("ajanTasalla")
        writer.bool(page.upToDate)
        writer.endObject()
        return writer.finish()
    }

    /// A `/kirjausavain/{date}` answer.
    public static func logKey(_ key: Int64) -> [UInt8] {
        let writer = JSONWriter()
        writer.beginObject()
        writer.key("viimeisinKirjausavain")
        writer.number(key)
        writer.endObject()
        return writer.finish()
    }

    /// The sandbox's error body on this wire: `{"koodi", "viesti"}`. DVV's own error body is not in
    /// the public record (section 3.5), so no client may rely on this shape; vtjdrop's does not.
    public static func error(_ body: InterfaceErrorBody) -> [UInt8] {
        let writer = JSONWriter()
        writer.beginObject()
        writer.member("koodi", body.code)
        writer.member("viesti", body.message)
        writer.endObject()
        return writer.finish()
    }

    /// One entry of `perustiedot`.
    public static func writePerson(_ person: Person, to writer: JSONWriter) {
        writer.beginObject()
        writer.member("henkilotunnus", person.hetu)
        writer.key("tietoryhmat")
        writer.beginArray()
        for record in person.records { writeRecord(record, to: writer) }
        writer.endArray()
        writer.endObject()
    }

    /// One entry of `muutokset`.
    public static func writeChange(_ change: Change, to writer: JSONWriter) {
        writer.beginObject()
        writer.member("henkilotunnus", change.hetu)
        writer.member("muutospv", change.muutospv)
        writer.key("tietoryhmat")
        writer.beginArray()
        for record in change.records { writeRecord(record, to: writer) }
        writer.endArray()
        writer.endObject()
    }

    /// One record: the discriminator first (as DVV's sandbox does), then the marker, then the fields.
    public static func writeRecord(_ record: Record, to writer: JSONWriter) {
        writer.beginObject()
        writer.member("tietoryhma", record.group.rawValue)
        if let change = record.change { writer.member("muutosattribuutti", change.rawValue) }
        if let censored = record.censoredFields {
            writer.key("turvakiellonAlaisetKentat")
            writer.beginArray()
            for name in censored { writer.string(name) }
            writer.endArray()
        }
        for field in record.fields {
            writer.key(field.name)
            writeValue(field.value, name: field.name, to: writer)
        }
        writer.endObject()
    }

    /// One field's value, typed by its name.
    public static func writeValue(_ value: FieldValue, name: String, to writer: JSONWriter) {
        switch value {
        case .text(let text):
            if JSONWireNames.integerFields.contains(name), isCanonicalInteger(text) {
                writer.number(text: text)
            } else if JSONWireNames.booleanFields.contains(name), text == "true" || text == "false" {
                writer.bool(text == "true")
            } else {
                writer.string(text)
            }
        case .date(let date):
            writer.beginObject()
            writer.member("arvo", date.text)
            if let precision = date.precision { writer.member("tarkkuus", precision.rawValue) }
            writer.endObject()
        case .bilingual(let text):
            writer.beginObject()
            if let fi = text.fi { writer.member("fi", fi) }
            if let sv = text.sv { writer.member("sv", sv) }
            writer.endObject()
        case .composite(let children):
            if JSONWireNames.listItems[name] != nil {
                writer.beginArray()
                for child in children { writeValue(child.value, name: child.name, to: writer) }
                writer.endArray()
            } else {
                writer.beginObject()
                for child in children {
                    writer.key(child.name)
                    writeValue(child.value, name: child.name, to: writer)
                }
                writer.endObject()
            }
        }
    }

    /// `0` or a digit string without a leading zero (what reads back as the same text).
    static func isCanonicalInteger(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? Substring(text.dropFirst()) : Substring(text)
        guard let first = digits.utf8.first, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return false
        }
        return first != UInt8(ascii: "0") || digits.utf8.count == 1
    }
}
