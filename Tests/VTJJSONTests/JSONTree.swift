import VTJJSON

/// A whole JSON document as a tree (tests only): read with the reader, written with the writer,
/// so a test can reorder keys or add members and still produce real JSON.
indirect enum JSONTree: Equatable {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: JSONTree, rhs: JSONTree) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    static func parse(_ text: String) throws -> JSONTree {
        let reader = JSONReader(bytes: Array(text.utf8), documentName: "tree")
        let tree = try read(reader)
        try reader.finish()
        return tree
    }

    private static func read(_ reader: JSONReader) throws -> JSONTree {
        switch try reader.peekKind() {
        case .object:
            try reader.enterObject()
            var members: [(String, JSONTree)] = []
            var first = true
            while try reader.nextKey(&first) { members.append((reader.keyString(), try read(reader))) }
            return .object(members)
        case .array:
            try reader.enterArray()
            var items: [JSONTree] = []
            var first = true
            while try reader.nextItem(&first) { items.append(try read(reader)) }
            return .array(items)
        case .string: return .string(try reader.readString())
        case .number: return .number(try reader.readNumber())
        case .boolean: return .bool(try reader.readBool())
        case .null:
            try reader.readNull()
            return .null
        }
    }

    var bytes: [UInt8] {
        let writer = JSONWriter()
        write(to: writer)
        return writer.finish()
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    private func write(to writer: JSONWriter) {
        switch self {
        case .object(let members):
            writer.beginObject()
            for (key, value) in members {
                writer.key(key)
                value.write(to: writer)
            }
            writer.endObject()
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(to: writer) }
            writer.endArray()
        case .string(let text): writer.string(text)
        case .number(let text): writer.number(text: text)
        case .bool(let value): writer.bool(value)
        case .null: writer.null()
        }
    }

    /// Every object's members in reverse order, at every depth.
    var reversedKeys: JSONTree {
        switch self {
        case .object(let members): .object(members.reversed().map { ($0.0, $0.1.reversedKeys) })
        case .array(let items): .array(items.map(\.reversedKeys))
        default: self
        }
    }

    /// `member` added to every object, at every depth (an unknown key the reader must ignore).
    func adding(_ member: (String, JSONTree)) -> JSONTree {
        switch self {
        case .object(let members): .object(members.map { ($0.0, $0.1.adding(member)) } + [member])
        case .array(let items): .array(items.map { $0.adding(member) })
        default: self
        }
    }
}
