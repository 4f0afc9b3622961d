/// The fixed CSV columns of one data group (docs/csv-columns.md).
public struct CSVGroupLayout: Hashable, Sendable {
    /// One column: where its value sits inside an item's fields.
    public struct Column: Hashable, Sendable {
        /// Which text of the value: plain (text, date, Finnish text), the Swedish text, or list items joined.
        public enum Part: Hashable, Sendable { case plain, swedish, joined }

        public let name: String
        /// Field names from the item down (`["huoltaja", "henkilotunnus"]`).
        public let path: [String]
        public let part: Part

        public init(_ name: String, _ path: [String], _ part: Part = .plain) {
            self.name = name
            self.path = path
            self.part = part
        }
    }

    /// The layout's parts behind one reference: a renderer walks its layouts for every row, and
    /// copying five stored properties (four retains and releases) per layout per row was a
    /// seventh of an all-groups row's instructions (issue 15).
    private final class Parts: Sendable {
        let group: GroupName
        let prefix: String
        let maxItems: Int
        let listField: String?
        let columns: [Column]

        init(group: GroupName, prefix: String, maxItems: Int, listField: String?, columns: [Column]) {
            self.group = group
            self.prefix = prefix
            self.maxItems = maxItems
            self.listField = listField
            self.columns = columns
        }
    }

    private let parts: Parts

    public var group: GroupName { parts.group }
    /// Column prefix of numbered slots (`huoltaja` → `huoltaja1_hetu`); unused when ``maxItems`` is 1.
    public var prefix: String { parts.prefix }
    /// How many items get columns; more are counted as overflow.
    public var maxItems: Int { parts.maxItems }
    /// For list groups (KANSALAISUUS) the wrapper whose children are the items; nil = each record is an item.
    public var listField: String? { parts.listField }
    public var columns: [Column] { parts.columns }

    public init(group: GroupName, prefix: String, maxItems: Int = 1, listField: String? = nil, columns: [Column]) {
        parts = Parts(group: group, prefix: prefix, maxItems: maxItems, listField: listField, columns: columns)
    }

    public static func == (lhs: CSVGroupLayout, rhs: CSVGroupLayout) -> Bool {
        lhs.parts === rhs.parts || (lhs.group == rhs.group && lhs.prefix == rhs.prefix && lhs.maxItems == rhs.maxItems
            && lhs.listField == rhs.listField && lhs.columns == rhs.columns)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(prefix)
        hasher.combine(maxItems)
        hasher.combine(listField)
        hasher.combine(columns)
    }

    /// The header names, numbered per slot when the group has several.
    public var columnNames: [String] {
        guard maxItems > 1 else { return columns.map(\.name) }
        return (1...maxItems).flatMap { slot in columns.map { "\(prefix)\(slot)_\($0.name)" } }
    }

    /// How many cells the group fills: ``columnNames``.count.
    public var columnCount: Int { columns.count * maxItems }

    /// The group's items among `records`: records still open (no `loppupv`) first, then in received order.
    public func items(of records: [Record]) -> [[Field]] {
        items(ofOwn: records.filter { $0.group == group })
    }

    private func items(ofOwn mine: [Record]) -> [[Field]] {
        let ordered = mine.allSatisfy({ $0.field("loppupv") == nil })
            ? mine : mine.filter { $0.field("loppupv") == nil } + mine.filter { $0.field("loppupv") != nil }
        guard let listField else { return ordered.map(\.fields) }
        return ordered.flatMap { $0.list(listField) }
    }

    /// The cells of `records` for this group (always ``columnNames``.count cells) and the overflow count.
    public func cells(of records: [Record]) -> (cells: [String], overflow: Int) {
        var list = CSVCellList()
        list.cells.reserveCapacity(columnCount)
        let overflow = putCells(ofOwn: records.filter { $0.group == group }, into: &list)
        return (list.cells, overflow)
    }

    /// Puts the cells of this group's own records (``columnCount`` cells); returns the overflow.
    func putCells<Sink: CSVCellSink>(ofOwn mine: [Record], into sink: inout Sink) -> Int {
        guard !mine.isEmpty else {
            sink.emptyCells(columnCount)
            return 0
        }
        let items = items(ofOwn: mine)
        for slot in 0..<maxItems {
            guard slot < items.count else {
                sink.emptyCells(columns.count * (maxItems - slot))
                break
            }
            for column in columns { sink.cell(Self.value(of: column, in: items[slot])) }
        }
        return max(0, items.count - maxItems)
    }

    /// A person's records and, for each, the index of the layout it belongs to (-1: none).
    struct Owners {
        let records: [Record]
        let owners: UnsafeBufferPointer<Int>
    }

    /// Puts the cells of the records `own` gives layout `layout` (``columnCount`` cells); returns
    /// the overflow. The same cells as ``putCells(ofOwn:into:)`` of those records, without
    /// collecting them first: an item of a group without a list field is its record's fields.
    func putCells<Sink: CSVCellSink>(of own: Owners, layout: Int, into sink: inout Sink) -> Int {
        let records = own.records
        let owners = own.owners
        guard listField == nil else {
            var mine: [Record] = []
            for index in records.indices where owners[index] == layout { mine.append(records[index]) }
            return putCells(ofOwn: mine, into: &sink)
        }
        // Records still open (no `loppupv`) first, then the ended ones, each in received order
        // (which only matters when the group has more than one record).
        var anyEnded = false
        var count = 0
        for index in records.indices where owners[index] == layout { count += 1 }
        if count > 1 {
            for index in records.indices where owners[index] == layout && records[index].field("loppupv") != nil {
                anyEnded = true
                break
            }
        }
        var slot = 0
        for pass in 0..<(anyEnded ? 2 : 1) {
            for index in records.indices where owners[index] == layout {
                let fields = records[index].fields
                if anyEnded, (fields.contains { $0.name == "loppupv" }) != (pass == 1) { continue }
                if slot < maxItems {
                    for column in columns { sink.cell(Self.value(of: column, in: fields)) }
                }
                slot += 1
            }
        }
        if slot < maxItems { sink.emptyCells(columns.count * (maxItems - slot)) }
        return max(0, slot - maxItems)
    }

    static func value(of column: Column, in fields: [Field]) -> String {
        var value: FieldValue?
        if column.path.count == 1 {
            // Most columns name a field of the item itself.
            let name = column.path[0]
            guard let field = fields.first(where: { $0.name == name }) else { return "" }
            value = field.value
        } else {
            var current = fields
            for (depth, name) in column.path.enumerated() {
                guard let field = current.first(where: { $0.name == name }) else { return "" }
                if depth == column.path.count - 1 {
                    value = field.value
                } else if case .composite(let children) = field.value {
                    current = children
                } else {
                    return ""
                }
            }
        }
        switch (value, column.part) {
        case (.bilingual(let text)?, .swedish): return text.sv ?? ""
        case (.bilingual(let text)?, _): return text.fi ?? text.sv ?? ""
        case (.composite(let children)?, .joined): return children.compactMap(\.value.plainText).joined(separator: " ")
        case (let other?, .plain), (let other?, .joined): return other.plainText ?? ""
        default: return ""
        }
    }
}
