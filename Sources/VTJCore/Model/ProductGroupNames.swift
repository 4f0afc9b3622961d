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

    /// Every name's bytes end to end, and the names sorted by byte length: entry `i` of
    /// ``candidates`` is a name's offset in ``packed`` and its index; the names of length `n` are
    /// the entries `firstOfLength[n] ..< firstOfLength[n + 1]`. Flat buffers, so that a lookup
    /// (one per record read) retains nothing and compares eight bytes at a time.
    private static let packed: [UInt8] = names.flatMap { Array($0.utf8) }
    private static let candidates: [(offset: Int, index: Int8)] = {
        precondition(names.count <= Int(Int8.max), "a product index must fit in Int8")
        var offsets: [Int] = []
        var offset = 0
        for name in names { offsets.append(offset); offset += name.utf8.count }
        return names.indices
            .map { (offsets[$0], Int8($0), names[$0].utf8.count) }
            .sorted { ($0.2, $0.1) < ($1.2, $1.1) }
            .map { (offset: $0.0, index: $0.1) }
    }()
    private static let firstOfLength: [Int] = {
        let longest = names.map(\.utf8.count).max() ?? 0
        var first = [Int](repeating: 0, count: longest + 2)
        for name in names { first[name.utf8.count + 1] += 1 }
        for length in 1 ..< first.count { first[length] += first[length - 1] }
        return first
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
        let count = bytes.count
        guard count + 1 < firstOfLength.count, let given = bytes.baseAddress else { return -1 }
        let range = firstOfLength[count] ..< firstOfLength[count + 1]
        return packed.withUnsafeBytes { packed in
            candidates.withUnsafeBufferPointer { candidates in
                for entry in range where equal(packed.baseAddress! + candidates[entry].offset, UnsafeRawPointer(given), count) {
                    return candidates[entry].index
                }
                return -1
            }
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal, eight at a time (a name is 5 to 39 bytes).
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < count {
            guard a.load(fromByteOffset: offset, as: UInt8.self) == b.load(fromByteOffset: offset, as: UInt8.self) else { return false }
            offset += 1
        }
        return true
    }
}
