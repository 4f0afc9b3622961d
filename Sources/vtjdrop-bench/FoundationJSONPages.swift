import Foundation
import VTJCore
import VTJJSON

/// The two Foundation ways of reading a JSON page, measured against VTJJSON's streaming reader when
/// the decoding approach was chosen (docs/performance.md): both need the whole body in memory.
enum FoundationJSONPages {
    /// `JSONSerialization` into `Any`, then converted to ``Person`` values with the wire's rules.
    static func serialization(_ data: Data, onPerson: (Person) -> Void) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let persons = root["perustiedot"] as? [[String: Any]]
        else { throw BenchError("not a perustiedot page") }
        for entry in persons {
            guard let hetu = entry["henkilotunnus"] as? String else { continue }
            let records = (entry["tietoryhmat"] as? [[String: Any]] ?? []).map { object -> Record in
                var record = Record(group: GroupName(rawValue: object["tietoryhma"] as? String ?? ""))
                record.censoredFields = object["turvakiellonAlaisetKentat"] as? [String]
                for (key, value) in object where key != "tietoryhma" && key != "turvakiellonAlaisetKentat" && key != "muutosattribuutti" {
                    if let field = fieldValue(key, value) { record.fields.append(Field(key, field)) }
                }
                return record
            }
            onPerson(Person(hetu: hetu, records: records))
        }
    }

    private static func fieldValue(_ name: String, _ value: Any) -> FieldValue? {
        if type(of: value) == Bool.self, let flag = value as? Bool { return .text(flag ? "true" : "false") }
        switch value {
        case let text as String: return .text(text)
        case let number as NSNumber:
            return .text(number.stringValue)
        case let object as [String: Any]:
            if let arvo = object["arvo"] as? String {
                return .date(PartialDate(text: arvo, precision: (object["tarkkuus"] as? String).flatMap(PartialDate.Precision.init(rawValue:))))
            }
            if object["fi"] != nil || object["sv"] != nil { return .bilingual(Bilingual(fi: object["fi"] as? String, sv: object["sv"] as? String)) }
            return .composite(object.compactMap { key, child in Self.fieldValue(key, child).map { Field(key, $0) } })
        case let array as [Any]:
            let item = JSONWireNames.itemName(ofList: name)
            return .composite(array.compactMap { Self.fieldValue(item, $0).map { Field(item, $0) } })
        default:
            return nil
        }
    }

    /// `JSONDecoder` with a Codable tree, then converted the same way.
    static func decoder(_ data: Data, onPerson: (Person) -> Void) throws {
        let page = try JSONDecoder().decode(Page.self, from: data)
        for entry in page.perustiedot ?? [] {
            var person = Person(hetu: entry.henkilotunnus)
            for object in entry.tietoryhmat ?? [] {
                guard case .object(let members) = object else { continue }
                var record = Record(group: GroupName(rawValue: members["tietoryhma"]?.text ?? ""))
                for (key, value) in members where key != "tietoryhma" {
                    if let field = value.field(key) { record.fields.append(Field(key, field)) }
                }
                person.records.append(record)
            }
            onPerson(person)
        }
    }

    struct Page: Decodable {
        let perustiedot: [Entry]?
        let ajanTasalla: Bool
    }

    struct Entry: Decodable {
        let henkilotunnus: String
        let tietoryhmat: [Tree]?
    }

    indirect enum Tree: Decodable {
        case text(String), number(Double), bool(Bool), object([String: Tree]), array([Tree]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .text(value) }
            else if let value = try? container.decode([String: Tree].self) { self = .object(value) }
            else { self = .array(try container.decode([Tree].self)) }
        }

        var text: String? { if case .text(let text) = self { text } else { nil } }

        func field(_ name: String) -> FieldValue? {
            switch self {
            case .text(let text): .text(text)
            case .number(let number): .text(number == number.rounded() ? String(Int64(number)) : String(number))
            case .bool(let value): .text(value ? "true" : "false")
            case .null: nil
            case .object(let members):
                if let arvo = members["arvo"]?.text {
                    .date(PartialDate(text: arvo, precision: members["tarkkuus"]?.text.flatMap(PartialDate.Precision.init(rawValue:))))
                } else if members["fi"] != nil || members["sv"] != nil {
                    .bilingual(Bilingual(fi: members["fi"]?.text, sv: members["sv"]?.text))
                } else {
                    .composite(members.compactMap { key, child in child.field(key).map { Field(key, $0) } })
                }
            case .array(let items):
                .composite(items.compactMap { $0.field(JSONWireNames.itemName(ofList: name)).map { Field(JSONWireNames.itemName(ofList: name), $0) } })
            }
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
