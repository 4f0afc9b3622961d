/// Ready-made column layouts for the seed's main purposes (docs/csv-columns.md, "Presets").
///
/// A preset is narrowed to the groups its department receives: a column of a group the
/// department does not get is left out rather than kept always empty.
public enum ColumnPreset: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Pupils and children in early education: name, birth, language, home, two guardians.
    case oppilaslista
    /// Building control, water and waste: who lives where, with building and dwelling codes.
    case osoitelista
    /// A library card check: name, home municipality, where to send the reminder.
    case kirjastokortti
    /// Name and home municipality only (culture, youth, sports services).
    case nimiJaKotikunta = "nimi-ja-kotikunta"
    /// Every column of every granted group, as before layouts (legacy systems' fixed positions).
    case kaikki

    public var description: String { rawValue }

    private static let name = ["sukunimi", "etunimi"]
    private static let homeAddress = ["katunimi", "katunumero", "huoneistokirjain", "huoneistonumero",
                                      "postinumero", "postitoimipaikka"]
    private static let postalAddress = ["postiosoite", "postiosoite_postinumero", "postiosoite_postitoimipaikka"]

    /// The preset's columns after `hetu` and `tila`; nil for ``kaikki`` (every granted column).
    public var columns: [String]? {
        switch self {
        case .oppilaslista:
            ["pidatetyt"] + Self.name + ["syntymapv", "sukupuoli", "aidinkieli_koodi", "kotikunta"]
                + Self.homeAddress + Self.postalAddress
                + ["huoltaja1_sukunimi", "huoltaja1_etunimet", "huoltaja1_hetu",
                   "huoltaja2_sukunimi", "huoltaja2_etunimet", "huoltaja2_hetu"]
        case .osoitelista:
            ["pidatetyt"] + Self.name + ["kotikunta"] + Self.homeAddress
                + ["jakokirjain", "rakennustunnus", "osoitenumero", "osoite_kuntakoodi", "osoite_alkupv"]
                + Self.postalAddress
                + ["asuinpaikka_tunnus", "asuinpaikka_rakennustunnus", "asuinpaikka_huoneistonumero", "kuollut", "kuolinpv"]
        case .kirjastokortti:
            ["pidatetyt"] + Self.name + ["kotikunta"] + Self.homeAddress + Self.postalAddress + ["kuollut", "kuolinpv"]
        case .nimiJaKotikunta:
            ["pidatetyt"] + Self.name + ["kotikunta", "kuntaan_muuttopv"]
        case .kaikki:
            nil
        }
    }

    /// The layout for a department receiving `groups`: columns of other groups left out; for
    /// ``kaikki`` every column of `groups`.
    public func layout(groups: [GroupName], configured: Bool = false) -> ColumnLayout {
        let granted = Set(groups)
        let chosen = columns ?? GroupName.productGroupsInOrder.filter(granted.contains)
            .compactMap(CSVGroupLayout.layout(of:)).flatMap(\.columnNames)
        let kept = chosen.filter { name in ColumnCatalogue.source(of: name)?.group.map(granted.contains) ?? true }
        return ColumnLayout(preset: rawValue, columns: ColumnLayout.fixedLeading + (columns == nil ? ["pidatetyt"] : []) + kept,
                            isConfigured: configured)
    }

    /// The preset a department gets without `columns:`: the one of its default purpose.
    public static func forPurpose(_ purpose: Purpose) -> ColumnPreset {
        switch purpose {
        case .varhaiskasvatus, .esiopetus, .perusopetus, .aamuJaIltapaivatoiminta, .lukiokoulutus, .ammatillinenKoulutus:
            .oppilaslista
        case .kirjasto:
            .kirjastokortti
        case .kulttuuri, .nuorisotyo, .liikunta:
            .nimiJaKotikunta
        case .alueidenKaytonSuunnittelu, .rakentamisenOhjaus, .maapolitiikka, .kaavoitus, .rakennusvalvonta,
             .lupaJaValvontamaksut, .kadunpito, .vesihuolto, .jatehuolto, .ymparistonsuojelu, .valvonta, .tarkastus:
            .osoitelista
        }
    }
}
