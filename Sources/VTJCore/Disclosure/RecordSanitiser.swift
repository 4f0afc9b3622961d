/// Keeps only the fields a group may deliver, in their expected shape; counts what it drops.
enum RecordSanitiser {
    /// The allowed fields of `fields` under `spec`, and how many fields (at any depth) were dropped.
    ///
    /// Nothing dropped means nothing changed, so then `fields` itself comes back (its storage
    /// shared, nothing copied); the common record is only checked, in a pass that allocates nothing.
    static func sanitise(_ fields: [Field], spec: [FieldSpec]) -> (fields: [Field], dropped: Int) {
        let dropped = droppedCount(fields, spec: spec)
        guard dropped > 0 else { return (fields, 0) }
        return (rebuilt(fields, spec: spec), dropped)
    }

    // MARK: - Counting (no copies)

    /// How many fields (at any depth) ``rebuilt(_:spec:)`` leaves out.
    private static func droppedCount(_ fields: [Field], spec: [FieldSpec]) -> Int {
        var dropped = 0
        var cursor = 0
        for field in fields {
            guard let fieldSpec = find(field.name, in: spec, from: &cursor),
                  let lost = lostCount(field.value, to: fieldSpec.kind)
            else {
                dropped += 1 + nestedCount(field.value)
                continue
            }
            dropped += lost
        }
        return dropped
    }

    /// The fields `value` loses when conformed to `kind`, or nil when it cannot conform at all.
    private static func lostCount(_ value: FieldValue, to kind: FieldSpec.Kind) -> Int? {
        switch (kind, value) {
        case (.text, .text), (.date, .date), (.date, .text), (.bilingual, .bilingual), (.bilingual, .text):
            return 0
        case (.stub, .composite(let children)):
            return droppedCount(children, spec: FieldSpec.stubFields)
        case (.composite(let spec), .composite(let children)):
            return droppedCount(children, spec: spec)
        case (.list(let item, let itemSpec), .composite(let children)):
            var lost = 0
            for child in children {
                guard child.name == item, case .composite(let grandchildren) = child.value else {
                    lost += 1 + nestedCount(child.value)
                    continue
                }
                lost += droppedCount(grandchildren, spec: itemSpec)
            }
            return lost
        case (.textList(let item), .composite(let children)):
            var lost = 0
            for child in children {
                if child.name == item, case .text = child.value { continue }
                lost += 1
            }
            return lost
        default:
            return nil
        }
    }

    /// The spec named `name`: fields mostly come in the spec's order, so the one after the last
    /// match is tried first, then every one from the start (names within a spec are unique, so
    /// the one found is the first by name).
    private static func find(_ name: String, in spec: [FieldSpec], from cursor: inout Int) -> FieldSpec? {
        if cursor < spec.count, spec[cursor].name == name {
            cursor += 1
            return spec[cursor - 1]
        }
        guard let index = spec.firstIndex(where: { $0.name == name }) else { return nil }
        cursor = index + 1
        return spec[index]
    }

    // MARK: - Rebuilding (only when something is dropped)

    private static func rebuilt(_ fields: [Field], spec: [FieldSpec]) -> [Field] {
        var kept: [Field] = []
        kept.reserveCapacity(fields.count)
        for field in fields {
            guard let fieldSpec = spec.first(where: { $0.name == field.name }),
                  let value = conform(field.value, to: fieldSpec.kind)
            else { continue }
            kept.append(Field(field.name, value))
        }
        return kept
    }

    private static func conform(_ value: FieldValue, to kind: FieldSpec.Kind) -> FieldValue? {
        switch (kind, value) {
        case (.text, .text), (.date, .date), (.date, .text), (.bilingual, .bilingual), (.bilingual, .text):
            return value
        case (.stub, .composite(let children)):
            return .composite(sanitise(children, spec: FieldSpec.stubFields).fields)
        case (.composite(let spec), .composite(let children)):
            return .composite(sanitise(children, spec: spec).fields)
        case (.list(let item, let itemSpec), .composite(let children)):
            var items: [Field] = []
            items.reserveCapacity(children.count)
            for child in children {
                guard child.name == item, case .composite(let grandchildren) = child.value else { continue }
                items.append(Field(item, .composite(sanitise(grandchildren, spec: itemSpec).fields)))
            }
            return .composite(items)
        case (.textList(let item), .composite(let children)):
            return .composite(children.filter { child in
                if child.name == item, case .text = child.value { return true }
                return false
            })
        default:
            return nil
        }
    }

    private static func nestedCount(_ value: FieldValue) -> Int {
        guard case .composite(let children) = value else { return 0 }
        return children.reduce(0) { $0 + 1 + nestedCount($1.value) }
    }
}
