extension CSVGroupLayout {
    private typealias C = Column

    /// The layout of a product group; nil for groups outside the product.
    public static func layout(of group: GroupName) -> CSVGroupLayout? { table[group] }

    private static func stub(_ field: String) -> [Column] {
        [C("hetu", [field, "henkilotunnus"]), C("etunimet", [field, "etunimet"]), C("sukunimi", [field, "sukunimi"]),
         C("syntymapv", [field, "syntymapv"]), C("sukupuoli", [field, "sukupuoli"])]
    }

    private static func stubFlat(_ field: String, _ prefix: String) -> [Column] {
        stub(field).map { C("\(prefix)_\($0.name)", $0.path) }
    }

    private static func residence(_ p: String) -> [Column] {
        [C("\(p)_tunnus", ["asuinpaikantunnus"]), C("\(p)_rakennustunnus", ["rakennustunnus"]),
         C("\(p)_osoitenumero", ["osoitenumero"]), C("\(p)_huoneistokirjain", ["huoneistokirjain"]),
         C("\(p)_huoneistonumero", ["huoneistonumero"]), C("\(p)_jakokirjain", ["jakokirjain"]),
         C("\(p)_kuntakoodi", ["kuntakoodi"]), C("\(p)_alkupv", ["alkupv"]), C("\(p)_loppupv", ["loppupv"])]
    }

    private static func institution(_ p: String) -> [Column] {
        [C("\(p)_kuntakoodi", ["kuntakoodi"]), C("\(p)_lajikoodi", ["lajikoodi"]), C("\(p)_numero", ["numero"]),
         C("\(p)_laitos", ["laitos"]), C("\(p)_asuinpaikantunnus", ["asuinpaikantunnus"]),
         C("\(p)_alkupv", ["alkupv"]), C("\(p)_loppupv", ["loppupv"])]
    }

    private static func abroad(_ p: String) -> [Column] {
        [C("\(p)_valtiokoodi", ["valtiokoodi"]), C("\(p)_asuinpaikantunnus", ["asuinpaikantunnus"]),
         C("\(p)_alkupv", ["alkupv"]), C("\(p)_loppupv", ["loppupv"])]
    }

    private static func kinship(_ field: String) -> [Column] {
        stub(field) + [C("isa_aiti", ["isaAiti"]), C("lapsilaatu", ["lapsilaatu"]), C("alkupv", ["alkupv"])]
    }

    private static func custody(_ field: String) -> [Column] {
        stub(field) + [C("laji", ["huoltajanLaji"]), C("rooli", ["huoltajanRooli"]),
                       C("alkupv", ["huoltosuhteenAlkupv"]), C("loppupv", ["huoltosuhteenLoppupv"])]
    }

    private static func one(_ group: GroupName, _ columns: [Column]) -> (GroupName, CSVGroupLayout) {
        (group, CSVGroupLayout(group: group, prefix: "", columns: columns))
    }

    private static func many(_ group: GroupName, _ prefix: String, _ max: Int, list: String? = nil,
                             _ columns: [Column]) -> (GroupName, CSVGroupLayout) {
        (group, CSVGroupLayout(group: group, prefix: prefix, maxItems: max, listField: list, columns: columns))
    }

    static let table: [GroupName: CSVGroupLayout] = Dictionary(uniqueKeysWithValues: [
        one(.henkilotunnusKorjaus, [
            C("hetukorjaus_voimassaolo", ["voimassaolo"]), C("hetukorjaus_muutettu", ["muutettuHenkilotunnus"]),
            C("hetukorjaus_aktiivinen", ["aktiivinenHenkilotunnus"]),
            C("hetukorjaus_edelliset", ["edellisetHenkilotunnukset"], .joined),
        ]),
        one(.syntymapaiva, [C("syntymapv", ["syntymapv"])]),
        one(.aidinkieli, [
            C("aidinkieli_koodi", ["kielikoodi"]), C("aidinkieli_iso6392", ["kielikoodiISO6392"]),
            C("aidinkieli_nimi", ["nimi"]), C("aidinkieli_nimi_sv", ["nimi"], .swedish),
            C("aidinkieli_alkupv", ["alkupv"]), C("aidinkieli_loppupv", ["loppupv"]),
        ]),
        one(.sukupuoli, [C("sukupuoli", ["sukupuoli"])]),
        one(.henkilonNimi, [
            C("etunimi", ["etunimi"]), C("sukunimi", ["sukunimi"]), C("etunimi_utf8", ["etunimiUTF8"]),
            C("sukunimi_utf8", ["sukunimiUTF8"]), C("nimi_alkupv", ["alkupv"]),
        ]),
        many(.nimenmuutos, "nimenmuutos", 5, [
            C("nimilaji", ["nimilaji"]), C("nimi", ["nimi"]), C("nimi_utf8", ["nimiUTF8"]),
            C("alkupv", ["alkupv"]), C("loppupv", ["loppupv"]),
        ]),
        many(.kansalaisuus, "kansalaisuus", 3, list: "henkilonKansalaisuudet", [
            C("koodi", ["kansalaisuuskoodi"]), C("voimassaolo", ["voimassaolo"]), C("saamispv", ["saamispv"]),
            C("menetyspv", ["menetyspv"]),
        ]),
        one(.syntymakotikunta, [C("syntymakotikunta", ["kuntakoodi"])]),
        one(.ulkomainenSyntymapaikka, [
            C("syntymavaltio", ["valtiokoodi"]), C("ulkomainen_syntymapaikka", ["ulkomainenSyntymapaikka"]),
        ]),
        one(.siviilisaaty, [C("siviilisaaty", ["siviilisaaty"])]),
        one(.kuolinpaiva, [C("kuollut", ["kuollut"]), C("kuolinpv", ["kuolinpv"])]),
        one(.kuolleeksijulistamispaiva, [
            C("kuolleeksijulistettu", ["kuollut"]), C("kuolleeksijulistamispv", ["kuolleeksijulistamispv"]),
        ]),
        one(.turvakielto, [
            C("turvakielto_aktiivinen", ["turvakieltoAktiivinen"]), C("turvakielto_loppupv", ["turvaLoppuPv"]),
        ]),
        one(.vakinainenKotimainenOsoite, [
            C("katunimi", ["katunimi"]), C("katunimi_sv", ["katunimi"], .swedish), C("katunumero", ["katunumero"]),
            C("huoneistokirjain", ["huoneistokirjain"]), C("huoneistonumero", ["huoneistonumero"]),
            C("jakokirjain", ["jakokirjain"]), C("postinumero", ["postinumero"]),
            C("postitoimipaikka", ["postitoimipaikka"]), C("postitoimipaikka_sv", ["postitoimipaikka"], .swedish),
            C("rakennustunnus", ["rakennustunnus"]), C("osoitenumero", ["osoitenumero"]),
            C("osoite_kuntakoodi", ["kuntakoodi"]), C("osoite_alkupv", ["alkupv"]), C("osoite_loppupv", ["loppupv"]),
        ]),
        one(.kotimainenPostiosoite, [
            C("postiosoite", ["postiosoite"]), C("postiosoite_sv", ["postiosoite"], .swedish),
            C("postiosoite_postinumero", ["postinumero"]), C("postiosoite_postitoimipaikka", ["postitoimipaikka"]),
            C("postiosoite_postitoimipaikka_sv", ["postitoimipaikka"], .swedish),
            C("postiosoite_alkupv", ["alkupv"]), C("postiosoite_loppupv", ["loppupv"]),
        ]),
        one(.vakinainenKotimainenAsuinpaikkatunnus, residence("asuinpaikka")),
        one(.edellinenKotimainenAsuinpaikkatunnus, residence("edellinen_asuinpaikka")),
        one(.vakinainenOlinpaikassaAsuminen, institution("olinpaikka")),
        one(.entinenOlinpaikassaAsuminen, institution("entinen_olinpaikka")),
        one(.vakinainenUlkomaillaAsuminen, abroad("ulkomailla")),
        one(.entinenUlkomaillaAsuminen, abroad("entinen_ulkomailla")),
        one(.kotikunta, [C("kotikunta", ["kuntakoodi"]), C("kuntaan_muuttopv", ["kuntaanMuuttopv"])]),
        one(.edellinenKotikunta, [
            C("edellinen_kotikunta", ["kuntakoodi"]), C("edellinen_kotikunta_muuttopv", ["kuntaanMuuttopv"]),
            C("edellinen_kotikunta_poismuuttopv", ["kunnastaPoisMuuttopv"]),
        ]),
        one(.vuodenvaihteenKunta, [C("vuodenvaihteen_kunta", ["kuntakoodi"]), C("vuodenvaihde", ["vuodenvaihde"])]),
        one(.poissaolo, [C("poissaolo", ["poissaolo"]), C("poissaolo_siirtopv", ["siirtopv"])]),
        one(.suomeenMuuttopaiva, [C("suomeen_muuttopv", ["suomeenMuuttopv"])]),
        one(.valtioJohonMuuttanut, [C("muutto_valtioon", ["valtiokoodi"]), C("muutto_valtioon_pv", ["muuttopv"])]),
        one(.valtioJostaMuuttanut, [C("muutto_valtiosta", ["valtiokoodi"]), C("muutto_valtiosta_pv", ["muuttopv"])]),
        many(.lapsi, "lapsi", 10, kinship("lapsi")),
        many(.vanhempi, "vanhempi", 4, kinship("vanhempi")),
        many(.huoltaja, "huoltaja", 4, custody("huoltaja")),
        many(.huollettava, "huollettava", 10, custody("huollettava")),
        many(.edunvalvonta, "edunvalvonta", 2, stub("edunvalvoja") + [
            C("organisaatio_ytunnus", ["edunvalvojaOrganisaatio", "ytunnus"]),
            C("organisaatio_nimi", ["edunvalvojaOrganisaatio", "nimi"]),
            C("tehtavienjako", ["tehtavienjako"]), C("rajoitus", ["rajoitus"]),
            C("alkupv", ["alkupv"]), C("loppupv", ["loppupv"]),
        ]),
        many(.edunvalvontavaltuutus, "edunvalvontavaltuutus", 2, stub("valtuutettu") + [
            C("alkupv", ["alkupv"]), C("loppupv", ["loppupv"]),
        ]),
        one(.huostaanotto, [
            C("huostaanotettu", ["huostaanotettu"]), C("huostaanotto_alkupv", ["alkupv"]),
            C("huostaanotto_loppupv", ["loppupv"]),
        ]),
        one(.avioliitto, stubFlat("puoliso", "avioliitto_puoliso") + [
            C("avioliitto_voimassaolo", ["voimassaolo"]), C("vihkipv", ["vihkipv"]), C("vihkitapa", ["vihkitapa"]),
            C("avioliitto_jarjestysnumero", ["jarjestysnumero"]), C("avioliitto_loppupv", ["loppupv"]),
        ]),
        one(.rekisteroityParisuhde, stubFlat("osapuoli", "parisuhde_osapuoli") + [
            C("parisuhde_voimassaolo", ["voimassaolo"]), C("parisuhde_virallistamispv", ["virallistamispv"]),
            C("parisuhde_virallistamistapa", ["virallistamistapa"]),
            C("parisuhde_jarjestysnumero", ["jarjestysnumero"]), C("parisuhde_loppupv", ["loppupv"]),
        ]),
        one(.asumusero, stubFlat("puoliso", "asumusero_puoliso") + [
            C("asumusero_voimassaolo", ["voimassaolo"]), C("asumusero_alkupv", ["alkupv"]),
            C("asumusero_loppupv", ["loppupv"]),
        ]),
        one(.ammatti, [C("ammattikoodi", ["ammattikoodi"]), C("ammattinimi", ["ammattinimi"])]),
        one(.uskontokuntalaji, [C("uskontokuntalaji", ["uskontokuntalaji"])]),
    ])
}
