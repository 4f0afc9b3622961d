/// What the rules need to know of one product group, found with one lookup per record (instead
/// of the product set, the granted set, the two turvakielto lists and the schema's table each).
struct ProductGroupRule: Sendable {
    /// Whether turvakielto withholds the group, and under which rule when it is in force.
    enum Shelter: Sendable { case none, address, whereabouts }

    /// The group's own rule beyond grant and turvakielto (rules 3–5).
    enum Check: Sendable { case none, guardian, dependant, religion, relationship }

    /// The group's bit: 1 << its position in ``GroupName/productGroupsInOrder``.
    let bit: UInt64
    let shelter: Shelter
    let check: Check
    /// The fields it may deliver (``GroupSchema``); nil if the schema has none for it.
    let spec: [FieldSpec]?

    /// The rule of a product group; nil for any other name.
    static func of(_ group: GroupName) -> ProductGroupRule? {
        group.productIndex >= 0 ? table[Int(group.productIndex)] : nil
    }

    /// The bits of `groups`' product groups.
    static func bits(of groups: some Sequence<GroupName>) -> UInt64 {
        groups.reduce(0) { $0 | (of($1)?.bit ?? 0) }
    }

    /// At each group's ``GroupName/productIndex``.
    private static let table: [ProductGroupRule] = {
        precondition(GroupName.productGroupsInOrder.count <= 64, "a product group's bit must fit in 64")
        var table: [ProductGroupRule] = []
        for (index, group) in GroupName.productGroupsInOrder.enumerated() {
            precondition(Int(group.productIndex) == index, "\(group) is not at its product index")
            let shelter: Shelter = DisclosureRules.addressGroups.contains(group) ? .address
                : DisclosureRules.whereaboutsGroups.contains(group) ? .whereabouts : .none
            let check: Check = switch group {
            case .huoltaja: .guardian
            case .huollettava: .dependant
            case .uskontokuntalaji: .religion
            case .avioliitto, .rekisteroityParisuhde, .asumusero: .relationship
            default: .none
            }
            table.append(ProductGroupRule(bit: 1 << UInt64(index), shelter: shelter, check: check,
                                          spec: GroupSchema.fields(of: group)))
        }
        return table
    }()
}
