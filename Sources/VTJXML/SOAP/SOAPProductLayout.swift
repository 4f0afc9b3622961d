/// Which `Henkilo` blocks a product's answer holds, in its order (vtj-soap-kysely.md §4.3, §5):
/// what the sandbox writes for a product. Real answers carry every block of the product even when
/// empty, and products order the same blocks differently.
public struct SOAPProductLayout: Sendable, Hashable {
    /// A `Henkilo` block.
    public enum Block: String, Sendable, Hashable, CaseIterable {
        case henkilotunnus, sukunimi, etunimet, entinenNimi, vakinainenKotimainenLahiosoite, vakinainenAsuinpaikka
        case vakinainenUlkomainenLahiosoite, tilapainenKotimainenLahiosoite, tilapainenUlkomainenLahiosoite
        case kotimainenPostiosoite, ulkomainenPostiosoite, kotikunta, kuolintiedot, kuolleeksijulistamistiedot
        case aidinkieli, turvakielto, sukupuoli, kansalaisuus, edunvalvonta, edunvalvontavaltuutus, huoltaja, huollettava
    }

    /// `sanomatunnus`: the product's name as answers spell it (upper case).
    public let name: String
    public let blocks: [Block]

    public init(name: String, blocks: [Block]) {
        self.name = name
        self.blocks = blocks
    }

    /// `PERUSSANOMA 3`, in the order of the captured real answer (S1, S2): no guardians.
    public static let perussanoma3 = SOAPProductLayout(name: "PERUSSANOMA 3", blocks: [
        .henkilotunnus, .sukunimi, .etunimet, .entinenNimi, .vakinainenKotimainenLahiosoite, .vakinainenAsuinpaikka,
        .vakinainenUlkomainenLahiosoite, .tilapainenKotimainenLahiosoite, .tilapainenUlkomainenLahiosoite,
        .kotimainenPostiosoite, .ulkomainenPostiosoite, .kotikunta, .kuolintiedot, .kuolleeksijulistamistiedot,
        .aidinkieli, .turvakielto, .sukupuoli, .kansalaisuus, .edunvalvonta, .edunvalvontavaltuutus,
    ])

    /// `HUOLLETTAVA-HUOLTAJAT` (S2): the basic blocks without previous names, citizenship and
    /// guardianship of adults, `VakinainenAsuinpaikka` after the foreign address, and the guardians.
    public static let huollettavaHuoltajat = SOAPProductLayout(name: "HUOLLETTAVA-HUOLTAJAT", blocks: guardianBase + [.huoltaja])

    /// `HUOLTAJA-HUOLLETTAVAT` (S2): as above with the dependants.
    public static let huoltajaHuollettavat = SOAPProductLayout(name: "HUOLTAJA-HUOLLETTAVAT", blocks: guardianBase + [.huollettava])

    private static let guardianBase: [Block] = [
        .henkilotunnus, .sukunimi, .etunimet, .vakinainenKotimainenLahiosoite, .vakinainenUlkomainenLahiosoite,
        .vakinainenAsuinpaikka, .tilapainenKotimainenLahiosoite, .tilapainenUlkomainenLahiosoite, .kotimainenPostiosoite,
        .ulkomainenPostiosoite, .kotikunta, .kuolintiedot, .kuolleeksijulistamistiedot, .aidinkieli, .turvakielto, .sukupuoli,
    ]

    /// The products the sandbox answers.
    public static let known: [SOAPProductLayout] = [perussanoma3, huollettavaHuoltajat, huoltajaHuollettavat]

    /// The product a `SoSoNimi` names, compared without regard to case (`Perussanoma 3` is `PERUSSANOMA 3`).
    public static func named(_ text: String) -> SOAPProductLayout? {
        let wanted = text.trimmingBlanks.uppercased()
        return known.first { $0.name == wanted }
    }
}
