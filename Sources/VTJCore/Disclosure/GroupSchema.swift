/// The fields each product group may deliver (wire profile, section 3); anything else is dropped.
///
/// This allow-list is what keeps an address out of a record that is otherwise allowed: a field
/// not listed here for its group (say a `katunimi` inside KOTIKUNTA, or inside a guardian stub)
/// never leaves the appliance, whoever sent it.
public enum GroupSchema {
    /// The deliverable fields of a product group, in wire order; nil for a group outside the product.
    public static func fields(of group: GroupName) -> [FieldSpec]? { table[group] }

    private static func t(_ name: String) -> FieldSpec { FieldSpec(name, .text) }
    private static func d(_ name: String) -> FieldSpec { FieldSpec(name, .date) }
    private static func b(_ name: String) -> FieldSpec { FieldSpec(name, .bilingual) }
    private static func s(_ name: String) -> FieldSpec { FieldSpec(name, .stub) }

    private static let residence: [FieldSpec] = [
        t("asuinpaikantunnus"), t("rakennustunnus"), t("osoitenumero"), t("huoneistokirjain"), t("huoneistonumero"),
        t("jakokirjain"), t("kuntakoodi"), d("alkupv"), d("loppupv"),
    ]
    private static let institution: [FieldSpec] = [
        t("kuntakoodi"), t("lajikoodi"), t("numero"), t("laitos"), t("asuinpaikantunnus"), d("alkupv"), d("loppupv"),
    ]
    private static let abroad: [FieldSpec] = [t("valtiokoodi"), t("asuinpaikantunnus"), d("alkupv"), d("loppupv")]
    private static func kinship(_ stub: String) -> [FieldSpec] {
        [s(stub), t("isaAiti"), t("lapsilaatu"), d("alkupv")]
    }
    private static func custody(_ stub: String) -> [FieldSpec] {
        [s(stub), t("huoltajanLaji"), t("huoltajanRooli"), d("huoltosuhteenAlkupv"), d("huoltosuhteenLoppupv")]
    }

    static let table: [GroupName: [FieldSpec]] = [
        .henkilotunnusKorjaus: [
            t("voimassaolo"), t("muutettuHenkilotunnus"), t("aktiivinenHenkilotunnus"),
            FieldSpec("edellisetHenkilotunnukset", .textList(item: "henkilotunnus")),
        ],
        .syntymapaiva: [d("syntymapv")],
        .aidinkieli: [t("kielikoodi"), t("kielikoodiISO6392"), b("nimi"), d("alkupv"), d("loppupv")],
        .sukupuoli: [t("sukupuoli")],
        .henkilonNimi: [t("etunimi"), t("sukunimi"), t("etunimiUTF8"), t("sukunimiUTF8"), d("alkupv")],
        .nimenmuutos: [t("nimilaji"), t("nimi"), t("nimiUTF8"), d("alkupv"), d("loppupv")],
        .kansalaisuus: [
            FieldSpec("henkilonKansalaisuudet", .list(item: "kansalaisuus", fields: [
                t("kansalaisuuskoodi"), t("voimassaolo"), d("saamispv"), d("menetyspv"),
            ])),
        ],
        .syntymakotikunta: [t("kuntakoodi")],
        .ulkomainenSyntymapaikka: [t("valtiokoodi"), t("ulkomainenSyntymapaikka")],
        .siviilisaaty: [t("siviilisaaty")],
        .kuolinpaiva: [t("kuollut"), d("kuolinpv")],
        .kuolleeksijulistamispaiva: [t("kuollut"), d("kuolleeksijulistamispv")],
        .turvakielto: [t("turvakieltoAktiivinen"), d("turvaLoppuPv")],
        .vakinainenKotimainenOsoite: [
            b("katunimi"), t("katunumero"), t("huoneistokirjain"), t("huoneistonumero"), t("jakokirjain"),
            t("postinumero"), b("postitoimipaikka"), t("rakennustunnus"), t("osoitenumero"), t("kuntakoodi"),
            d("alkupv"), d("loppupv"),
        ],
        .kotimainenPostiosoite: [b("postiosoite"), t("postinumero"), b("postitoimipaikka"), d("alkupv"), d("loppupv")],
        .vakinainenKotimainenAsuinpaikkatunnus: residence,
        .edellinenKotimainenAsuinpaikkatunnus: residence,
        .vakinainenOlinpaikassaAsuminen: institution,
        .entinenOlinpaikassaAsuminen: institution,
        .vakinainenUlkomaillaAsuminen: abroad,
        .entinenUlkomaillaAsuminen: abroad,
        .kotikunta: [t("kuntakoodi"), d("kuntaanMuuttopv")],
        .edellinenKotikunta: [t("kuntakoodi"), d("kuntaanMuuttopv"), d("kunnastaPoisMuuttopv")],
        .vuodenvaihteenKunta: [t("kuntakoodi"), d("vuodenvaihde")],
        .poissaolo: [t("poissaolo"), d("siirtopv")],
        .suomeenMuuttopaiva: [d("suomeenMuuttopv")],
        .valtioJohonMuuttanut: [t("valtiokoodi"), d("muuttopv")],
        .valtioJostaMuuttanut: [t("valtiokoodi"), d("muuttopv")],
        .lapsi: kinship("lapsi"),
        .vanhempi: kinship("vanhempi"),
        .huoltaja: custody("huoltaja"),
        .huollettava: custody("huollettava"),
        .edunvalvonta: [
            s("edunvalvoja"), FieldSpec("edunvalvojaOrganisaatio", .composite([t("ytunnus"), b("nimi")])),
            t("tehtavienjako"), t("rajoitus"), d("alkupv"), d("loppupv"),
        ],
        .edunvalvontavaltuutus: [s("valtuutettu"), d("alkupv"), d("loppupv")],
        .huostaanotto: [t("huostaanotettu"), d("alkupv"), d("loppupv")],
        .avioliitto: [s("puoliso"), t("voimassaolo"), d("vihkipv"), t("vihkitapa"), t("jarjestysnumero"), d("loppupv")],
        .rekisteroityParisuhde: [
            s("osapuoli"), t("voimassaolo"), d("virallistamispv"), t("virallistamistapa"), t("jarjestysnumero"),
            d("loppupv"),
        ],
        .asumusero: [s("puoliso"), t("voimassaolo"), d("alkupv"), d("loppupv")],
        .ammatti: [t("ammattikoodi"), t("ammattinimi")],
        .uskontokuntalaji: [t("uskontokuntalaji")],
    ]
}
