import Testing
import VTJCore

/// A layout keeps its parts behind one reference (issue 15: a renderer no longer copies five
/// properties per layout per row); equality and hashing still go by the parts, not by the reference.
struct CSVGroupLayoutEqualityTests {
    static let columns = [CSVGroupLayout.Column("a", ["a"]), CSVGroupLayout.Column("b", ["x", "b"], .swedish)]

    @Test func equalPartsAreEqualWhateverTheReference() {
        let one = CSVGroupLayout(group: .huoltaja, prefix: "huoltaja", maxItems: 2, listField: nil, columns: Self.columns)
        let two = CSVGroupLayout(group: .huoltaja, prefix: "huoltaja", maxItems: 2, listField: nil, columns: Self.columns)
        #expect(one == two)
        #expect(one.hashValue == two.hashValue)
        #expect(Set([one, two]).count == 1)
        #expect(one.group == .huoltaja && one.prefix == "huoltaja" && one.maxItems == 2 && one.listField == nil)
        #expect(one.columns == Self.columns)
    }

    @Test func eachPartTellsLayoutsApart() {
        let base = CSVGroupLayout(group: .huoltaja, prefix: "p", maxItems: 2, listField: "l", columns: Self.columns)
        let others = [
            CSVGroupLayout(group: .huollettava, prefix: "p", maxItems: 2, listField: "l", columns: Self.columns),
            CSVGroupLayout(group: .huoltaja, prefix: "q", maxItems: 2, listField: "l", columns: Self.columns),
            CSVGroupLayout(group: .huoltaja, prefix: "p", maxItems: 3, listField: "l", columns: Self.columns),
            CSVGroupLayout(group: .huoltaja, prefix: "p", maxItems: 2, listField: nil, columns: Self.columns),
            CSVGroupLayout(group: .huoltaja, prefix: "p", maxItems: 2, listField: "l", columns: Array(Self.columns.prefix(1))),
        ]
        for other in others { #expect(base != other) }
        #expect(Set(others + [base]).count == others.count + 1)
    }

    @Test func everyProductLayoutEqualsItsRebuiltCopy() {
        for group in GroupName.productGroupsInOrder {
            guard let layout = CSVGroupLayout.layout(of: group) else { continue }
            let rebuilt = CSVGroupLayout(group: layout.group, prefix: layout.prefix, maxItems: layout.maxItems,
                                         listField: layout.listField, columns: layout.columns)
            #expect(rebuilt == layout)
            #expect(rebuilt.columnNames == layout.columnNames)
        }
    }
}
