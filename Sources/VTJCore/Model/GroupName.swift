/// A tietoryhmä name as it travels on the wire; unknown names stay representable.
public struct GroupName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    /// The position in ``productGroupsInOrder``, -1 for a name outside the product: a product
    /// group is compared and hashed by it, not by its text (every record's group is compared
    /// and looked up several times on its way to a result).
    public let productIndex: Int8

    public init(rawValue: String) {
        productIndex = ProductGroupNames.index(of: rawValue)
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// A product group's name from its exact UTF-8 bytes (the shared text, nothing allocated), or
    /// nil when the bytes spell no product group's name (``init(rawValue:)`` then still finds one
    /// canonically equal): the readers make every record's group here first.
    public init?(productGroupUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        let index = ProductGroupNames.index(of: bytes)
        guard index >= 0 else { return nil }
        productIndex = index
        rawValue = ProductGroupNames.names[Int(index)]
    }

    public var description: String { rawValue }

    public static func < (lhs: GroupName, rhs: GroupName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Equal names: product groups by their index (names are unique), other names by text.
    public static func == (lhs: GroupName, rhs: GroupName) -> Bool {
        if lhs.productIndex >= 0 || rhs.productIndex >= 0 { return lhs.productIndex == rhs.productIndex }
        return lhs.rawValue == rhs.rawValue
    }

    public func hash(into hasher: inout Hasher) {
        if productIndex >= 0 { hasher.combine(productIndex) } else { hasher.combine(rawValue) }
    }

    /// Whether the municipal product (seed, section 5) contains this group.
    public var isProductGroup: Bool { productIndex >= 0 }

    // Henkilön tiedot
    public static let henkilotunnusKorjaus: GroupName = "HENKILOTUNNUS_KORJAUS"
    public static let syntymapaiva: GroupName = "SYNTYMAPAIVA"
    public static let aidinkieli: GroupName = "AIDINKIELI"
    public static let sukupuoli: GroupName = "SUKUPUOLI"
    public static let henkilonNimi: GroupName = "HENKILON_NIMI"
    public static let nimenmuutos: GroupName = "NIMENMUUTOS"
    public static let kansalaisuus: GroupName = "KANSALAISUUS"
    public static let syntymakotikunta: GroupName = "SYNTYMAKOTIKUNTA"
    public static let ulkomainenSyntymapaikka: GroupName = "ULKOMAINEN_SYNTYMAPAIKKA"
    public static let siviilisaaty: GroupName = "SIVIILISAATY"
    public static let kuolinpaiva: GroupName = "KUOLINPAIVA"
    public static let kuolleeksijulistamispaiva: GroupName = "KUOLLEEKSIJULISTAMISPAIVA"
    public static let turvakielto: GroupName = "TURVAKIELTO"
    // Osoitetiedot
    public static let vakinainenKotimainenOsoite: GroupName = "VAKINAINEN_KOTIMAINEN_OSOITE"
    public static let kotimainenPostiosoite: GroupName = "KOTIMAINEN_POSTIOSOITE"
    // Kotipaikkatiedot
    public static let vakinainenKotimainenAsuinpaikkatunnus: GroupName = "VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS"
    public static let edellinenKotimainenAsuinpaikkatunnus: GroupName = "EDELLINEN_KOTIMAINEN_ASUINPAIKKATUNNUS"
    public static let vakinainenOlinpaikassaAsuminen: GroupName = "VAKINAINEN_OLINPAIKASSA_ASUMINEN"
    public static let vakinainenUlkomaillaAsuminen: GroupName = "VAKINAINEN_ULKOMAILLA_ASUMINEN"
    public static let entinenOlinpaikassaAsuminen: GroupName = "ENTINEN_OLINPAIKASSA_ASUMINEN"
    public static let entinenUlkomaillaAsuminen: GroupName = "ENTINEN_ULKOMAILLA_ASUMINEN"
    public static let kotikunta: GroupName = "KOTIKUNTA"
    public static let edellinenKotikunta: GroupName = "EDELLINEN_KOTIKUNTA"
    public static let vuodenvaihteenKunta: GroupName = "VUODENVAIHTEEN_KUNTA"
    public static let poissaolo: GroupName = "POISSAOLO"
    public static let suomeenMuuttopaiva: GroupName = "SUOMEEN_MUUTTOPAIVA"
    public static let valtioJohonMuuttanut: GroupName = "VALTIO_JOHON_MUUTTANUT"
    public static let valtioJostaMuuttanut: GroupName = "VALTIO_JOSTA_MUUTTANUT"
    // Henkilösuhdetiedot
    public static let lapsi: GroupName = "LAPSI"
    public static let vanhempi: GroupName = "VANHEMPI"
    public static let huoltaja: GroupName = "HUOLTAJA"
    public static let huollettava: GroupName = "HUOLLETTAVA"
    public static let edunvalvonta: GroupName = "EDUNVALVONTA"
    public static let edunvalvontavaltuutus: GroupName = "EDUNVALVONTAVALTUUTUS"
    public static let huostaanotto: GroupName = "HUOSTAANOTTO"
    public static let avioliitto: GroupName = "AVIOLIITTO"
    public static let rekisteroityParisuhde: GroupName = "REKISTEROITY_PARISUHDE"
    public static let asumusero: GroupName = "ASUMUSERO"
    // Muut tiedot
    public static let ammatti: GroupName = "AMMATTI"
    public static let uskontokuntalaji: GroupName = "USKONTOKUNTALAJI"

    /// Every group of the product "K2000 väestötiedot kunnille", in the seed's order (section 5).
    public static let productGroupsInOrder: [GroupName] = [
        henkilotunnusKorjaus, syntymapaiva, aidinkieli, sukupuoli, henkilonNimi, nimenmuutos, kansalaisuus,
        syntymakotikunta, ulkomainenSyntymapaikka, siviilisaaty, kuolinpaiva, kuolleeksijulistamispaiva,
        turvakielto,
        vakinainenKotimainenOsoite, kotimainenPostiosoite,
        vakinainenKotimainenAsuinpaikkatunnus, edellinenKotimainenAsuinpaikkatunnus,
        vakinainenOlinpaikassaAsuminen, vakinainenUlkomaillaAsuminen, entinenOlinpaikassaAsuminen,
        entinenUlkomaillaAsuminen, kotikunta, edellinenKotikunta, vuodenvaihteenKunta, poissaolo,
        suomeenMuuttopaiva, valtioJohonMuuttanut, valtioJostaMuuttanut,
        lapsi, vanhempi, huoltaja, huollettava, edunvalvonta, edunvalvontavaltuutus, huostaanotto,
        avioliitto, rekisteroityParisuhde, asumusero,
        ammatti, uskontokuntalaji,
    ]

    /// The product's groups as a set.
    public static let productGroups: Set<GroupName> = Set(productGroupsInOrder)

    /// Groups withheld while turvakielto is in force (rule VAIN_KOTIKUNTATIEDOT_VALITETAAN, seed section 6).
    public static let censoredUnderTurvakielto: [GroupName] = [
        vakinainenKotimainenOsoite, kotimainenPostiosoite, vakinainenKotimainenAsuinpaikkatunnus,
        vakinainenOlinpaikassaAsuminen, vakinainenUlkomaillaAsuminen,
    ]

    /// Home-municipality groups delivered even under turvakielto (seed section 6).
    public static let deliveredUnderTurvakielto: [GroupName] = [kotikunta, edellinenKotikunta, vuodenvaihteenKunta]
}
