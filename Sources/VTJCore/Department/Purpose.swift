/// A käyttötarkoitus a department may be licensed for (seed, section 2), by ASCII id.
///
/// The catalogue is closed on purpose: anything else, and in particular the seed's exclusions
/// (employees' data, plain customer registers), is refused with a reason (``PurposeRejection``).
public enum Purpose: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    // 2.1 Alueiden käyttö ja rakentaminen
    case alueidenKaytonSuunnittelu = "alueiden-kayton-suunnittelu"
    case rakentamisenOhjaus = "rakentamisen-ohjaus"
    case maapolitiikka = "maapolitiikka"
    case kaavoitus = "kaavoitus"
    case rakennusvalvonta = "rakennusvalvonta"
    case lupaJaValvontamaksut = "lupa-ja-valvontamaksut"
    case kadunpito = "kadunpito"
    // 2.2 Koulutus ja varhaiskasvatus
    case varhaiskasvatus = "varhaiskasvatus"
    case esiopetus = "esiopetus"
    case perusopetus = "perusopetus"
    case aamuJaIltapaivatoiminta = "aamu-ja-iltapaivatoiminta"
    case lukiokoulutus = "lukiokoulutus"
    case ammatillinenKoulutus = "ammatillinen-koulutus"
    // 2.3 Kulttuuri-, nuoriso-, kirjasto- ja liikuntapalvelut
    case kulttuuri = "kulttuuri"
    case nuorisotyo = "nuorisotyo"
    case kirjasto = "kirjasto"
    case liikunta = "liikunta"
    // 2.4 Vesi- ja jätehuolto
    case vesihuolto = "vesihuolto"
    case jatehuolto = "jatehuolto"
    // 2.5 Ympäristöpalvelut
    case ymparistonsuojelu = "ymparistonsuojelu"
    case valvonta = "valvonta"
    case tarkastus = "tarkastus"

    public var description: String { rawValue }

    /// The purpose in the seed's words (Finnish).
    public var title: String {
        switch self {
        case .alueidenKaytonSuunnittelu: "Alueiden käytön suunnittelu"
        case .rakentamisenOhjaus: "Rakentamisen ohjaus ja valvonta"
        case .maapolitiikka: "Maapolitiikan harjoittaminen"
        case .kaavoitus: "Kaavoitus"
        case .rakennusvalvonta: "Rakennusvalvonta"
        case .lupaJaValvontamaksut: "Lupa- ja valvontamaksut"
        case .kadunpito: "Kadunpito"
        case .varhaiskasvatus: "Varhaiskasvatus"
        case .esiopetus: "Esiopetus"
        case .perusopetus: "Perusopetus"
        case .aamuJaIltapaivatoiminta: "Aamu- ja iltapäivätoiminta"
        case .lukiokoulutus: "Lukiokoulutus"
        case .ammatillinenKoulutus: "Ammatillinen koulutus"
        case .kulttuuri: "Kulttuuripalvelut"
        case .nuorisotyo: "Nuorisotyö ja nuorisopolitiikka"
        case .kirjasto: "Kirjastopalvelut"
        case .liikunta: "Liikuntapalvelut"
        case .vesihuolto: "Vesihuolto"
        case .jatehuolto: "Jätehuolto"
        case .ymparistonsuojelu: "Ympäristönsuojeluviranomaisen tehtävät"
        case .valvonta: "Valvontatehtävät"
        case .tarkastus: "Tarkastustehtävät"
        }
    }

    /// The seed's section the purpose comes from (`2.1` … `2.5`).
    public var seedSection: String {
        switch self {
        case .alueidenKaytonSuunnittelu, .rakentamisenOhjaus, .maapolitiikka, .kaavoitus, .rakennusvalvonta,
             .lupaJaValvontamaksut, .kadunpito: "2.1"
        case .varhaiskasvatus, .esiopetus, .perusopetus, .aamuJaIltapaivatoiminta, .lukiokoulutus,
             .ammatillinenKoulutus: "2.2"
        case .kulttuuri, .nuorisotyo, .kirjasto, .liikunta: "2.3"
        case .vesihuolto, .jatehuolto: "2.4"
        case .ymparistonsuojelu, .valvonta, .tarkastus: "2.5"
        }
    }

    /// Purposes for which USKONTOKUNTALAJI may be used at all (seed, section 7).
    public static let religionPurposes: Set<Purpose> = [.perusopetus, .lukiokoulutus]

    public static func < (lhs: Purpose, rhs: Purpose) -> Bool { lhs.rawValue < rhs.rawValue }
}
