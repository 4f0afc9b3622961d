import Testing
@testable import VTJCore

/// A group name carries its product index, by which product groups are compared and hashed:
/// it must say exactly what comparing the text said.
@Suite struct GroupNameIndexTests {
    @Test func everyProductGroupIsAtItsIndex() {
        #expect(GroupName.productGroupsInOrder.map(\.rawValue) == ProductGroupNames.names)
        for (index, group) in GroupName.productGroupsInOrder.enumerated() {
            #expect(Int(group.productIndex) == index)
            #expect(GroupName(rawValue: String(group.rawValue)).productIndex == group.productIndex)
        }
    }

    static let others: [String] = ["", "turvakielto", "TURVAKIELTO ", " TURVAKIELTO", "TURVAKIELT", "TURVAKIELTOO",
                                   "TUNTEMATON", "VAKINAINEN_KOTIMAINEN_OSOITF", "KOTIKUNTA\u{0}", "KÖTIKUNTA", "LAPSI\u{301}"]

    /// Names were compared as `String`s, which are equal when canonically equivalent: a name with
    /// a Kelvin sign for its K is that product group still (a second TURVAKIELTO saying "in force"
    /// must not be missed for its spelling).
    @Test func canonicallyEqualNamesAreTheProductGroup() {
        let kelvin = GroupName(rawValue: "TURVA\u{212A}IELTO")
        #expect(kelvin == .turvakielto && kelvin.hashValue == GroupName.turvakielto.hashValue)
        #expect(kelvin.rawValue == "TURVA\u{212A}IELTO" && kelvin.isProductGroup)
        #expect(Array("TURVA\u{212A}IELTO".utf8).withUnsafeBufferPointer { GroupName(productGroupUTF8: $0) } == nil)
    }

    @Test func namesOutsideTheProductHaveNoIndex() {
        for text in Self.others { #expect(GroupName(rawValue: text).productIndex == -1, "\(text)") }
    }

    @Test func equalityAndHashingAreTheTexts() {
        let texts = ProductGroupNames.names + Self.others + ["LAPSI", "TUNTEMATON"]
        for a in texts {
            for b in texts {
                let (x, y) = (GroupName(rawValue: a), GroupName(rawValue: b))
                #expect((x == y) == (a == b), "\(a) \(b)")
                if x == y { #expect(x.hashValue == y.hashValue) }
            }
        }
        #expect(Set(texts.map(GroupName.init(rawValue:))).count == Set(texts).count)
    }

    @Test func productNamesFromBytesAreTheSharedText() {
        for name in ProductGroupNames.names + Self.others {
            let bytes = Array(name.utf8)
            let read = bytes.withUnsafeBufferPointer { GroupName(productGroupUTF8: $0) }
            if ProductGroupNames.names.contains(name) {
                #expect(read == GroupName(rawValue: name) && read?.rawValue == name)
            } else {
                #expect(read == nil, "\(name)")
            }
        }
    }
}
