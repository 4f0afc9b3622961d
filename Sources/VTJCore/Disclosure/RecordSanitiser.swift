/// Keeps only the fields a group may deliver, in their expected shape; counts what it drops.
enum RecordSanitiser {
    /// The allowed fields of `fields` under `spec`, and how many fields (at any depth) were dropped.
    static func sanitise(_ fields: [Field], spec: [FieldSpec]) -> (fields: [Field], dropped: Int) {
        var kept: [Field] = []
        kept.reserveCapacity(fields.count)
        var dropped = 0
        for field in fields {
            guard let fieldSpec = spec.first(where: { $0.name == field.name }),
                  let (value, lost) = conform(field.value, to: fieldSpec.kind)
            else {
                dropped += 1 + nestedCount(field.value)
                continue
            }
            kept.append(Field(field.name, value))
            dropped += lost
        }
        return (kept, dropped)
    }

    private static func conform(_ value: FieldValue, to kind: FieldSpec.Kind) -> (FieldValue, Int)? {
        switch (kind, value) {
        case (.text, .text), (.date, .date), (.date, .text), (.bilingual, .bilingual), (.bilingual, .text):
            return (value, 0)
        case (.stub, .composite(let children)):
            let (kept, lost) = sanitise(children, spec: FieldSpec.stubFields)
            return (.composite(kept), lost)
        case (.composite(let spec), .composite(let children)):
            let (kept, lost) = sanitise(children, spec: spec)
            return (.composite(kept), lost)
        case (.list(let item, let itemSpec), .composite(let children)):
            var items: [Field] = []
            items.reserveCapacity(children.count)
            var lost = 0
            for child in children {
                guard child.name == item, case .composite(let grandchildren) = child.value else {
                    lost += 1 + nestedCount(child.value)
                    continue
                }
                let (kept, itemLost) = sanitise(grandchildren, spec: itemSpec)
                items.append(Field(item, .composite(kept)))
                lost += itemLost
            }
            return (.composite(items), lost)
        case (.textList(let item), .composite(let children)):
            let kept = children.filter { child in
                if child.name == item, case .text = child.value { return true }
                return false
            }
            let lost = children.count - kept.count
            return (.composite(kept), lost)
        default:
            return nil
        }
    }

    private static func nestedCount(_ value: FieldValue) -> Int {
        guard case .composite(let children) = value else { return 0 }
        return children.reduce(0) { $0 + 1 + nestedCount($1.value) }
    }
}
