/// The product's group names as text, in ``GroupName/productGroupsInOrder``'s order, and their
/// lookup from UTF-8 bytes: what gives a ``GroupName`` its product index. Plain strings, not
/// `GroupName`s, so that making the `GroupName` constants needs nothing made from them.
enum ProductGroupNames {
    static let names: [String] = [
        "HENKILOTUNNUS_KORJAUS", "SYNTYMAPAIVA", "AIDINKIELI", "SUKUPUOLI", "HENKILON_NIMI", "NIMENMUUTOS",
        "KANSALAISUUS", "SYNTYMAKOTIKUNTA", "ULKOMAINEN_SYNTYMAPAIKKA", "SIVIILISAATY", "KUOLINPAIVA",
        "KUOLLEEKSIJULISTAMISPAIVA", "TURVAKIELTO",
        "VAKINAINEN_KOTIMAINEN_OSOITE", "KOTIMAINEN_POSTIOSOITE",
        "VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS", "EDELLINEN_KOTIMAINEN_ASUINPAIKKATUNNUS",
        "VAKINAINEN_OLINPAIKASSA_ASUMINEN", "VAKINAINEN_ULKOMAILLA_ASUMINEN", "ENTINEN_OLINPAIKASSA_ASUMINEN",
        "ENTINEN_ULKOMAILLA_ASUMINEN", "KOTIKUNTA", "EDELLINEN_KOTIKUNTA", "VUODENVAIHTEEN_KUNTA", "POISSAOLO",
        "SUOMEEN_MUUTTOPAIVA", "VALTIO_JOHON_MUUTTANUT", "VALTIO_JOSTA_MUUTTANUT",
        "LAPSI", "VANHEMPI", "HUOLTAJA", "HUOLLETTAVA", "EDUNVALVONTA", "EDUNVALVONTAVALTUUTUS", "HUOSTAANOTTO",
        "AVIOLIITTO", "REKISTEROITY_PARISUHDE", "ASUMUSERO",
        "AMMATTI", "USKONTOKUNTALAJI",
    ]

    /// For each byte length, the names of that length: their bytes and index.
    private static let byLength: [[(bytes: [UInt8], index: Int8)]] = {
        precondition(names.count <= Int(Int8.max), "a product index must fit in Int8")
        var table = [[(bytes: [UInt8], index: Int8)]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for (index, name) in names.enumerated() { table[name.utf8.count].append((Array(name.utf8), Int8(index))) }
        return table
    }()

    /// The product index of a name, by `String` equality (as names were compared before they had
    /// an index): the bytes first, and for a text that is not ASCII every name by canonical
    /// equivalence (`TURVA\u{212A}IELTO`, with a Kelvin sign, is `TURVAKIELTO`).
    static func index(of name: String) -> Int8 {
        var text = name
        let (exact, ascii): (Int8, Bool) = text.withUTF8 { bytes in
            (ProductGroupNames.index(of: bytes), bytes.allSatisfy { $0 < 0x80 })
        }
        guard exact < 0, !ascii else { return exact }
        return names.firstIndex(of: name).map { Int8($0) } ?? -1
    }

    /// The product index of the name spelled by exactly `bytes`, -1 when no product group has it.
    static func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int8 {
        guard bytes.count < byLength.count else { return -1 }
        for candidate in byLength[bytes.count] where candidate.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
            return candidate.index
        }
        return -1
    }
}
