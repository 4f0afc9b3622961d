/// A tietoryhmä name as it travels on the wire; unknown names stay representable.
public struct GroupName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: GroupName, rhs: GroupName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the municipal product (seed, section 5) contains this group.
    public var isProductGroup: Bool { GroupName.productGroups.contains(self) }

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
