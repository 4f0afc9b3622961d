/// The examples of vtj-json-wire.md section 7 (synthetic: test henkilötunnus, invented names),
/// verbatim, and the same content in the XML profile's encoding.
enum SpecExamples {
    static let perustiedotRequest = #"{"hetulista": ["010594Y9032", "020594X902N", "030594W903B"]}"#

    static let perustiedotResponse = #"""
        {"perustiedot": [
          {"henkilotunnus": "010594Y9032", "tietoryhmat": [
            {"tietoryhma": "HENKILON_NIMI", "etunimi": "Eero Ilmari", "sukunimi": "Esimerkki",
             "etunimiUTF8": "Eero Ilmari", "sukunimiUTF8": "Esimerkki"},
            {"tietoryhma": "VAKINAINEN_KOTIMAINEN_OSOITE", "katunimi": {"fi": "Koekuja", "sv": "Provgränden"},
             "katunumero": "3", "huoneistokirjain": "B", "huoneistonumero": "012", "postinumero": "00100",
             "postitoimipaikka": {"fi": "HELSINKI", "sv": "HELSINGFORS"}, "osoitenumero": 1, "kuntakoodi": "091",
             "alkupv": {"arvo": "2020-01-31", "tarkkuus": "PAIVA"}},
            {"tietoryhma": "KOTIKUNTA", "kuntakoodi": "091", "kuntaanMuuttopv": {"arvo": "2020-01-31", "tarkkuus": "PAIVA"}},
            {"tietoryhma": "HUOLLETTAVA", "huollettava": {"henkilotunnus": "010516B902W", "etunimet": "Aava",
               "sukunimi": "Esimerkki", "etunimetUTF8": "Aava", "sukunimiUTF8": "Esimerkki",
               "syntymapv": {"arvo": "2016-05-01", "tarkkuus": "PAIVA"}, "sukupuoli": "NAINEN"},
             "huoltajanLaji": "LAKISAATEINEN_HUOLTAJA", "huoltajanRooli": "ISA",
             "huoltosuhteenAlkupv": {"arvo": "2016-05-01", "tarkkuus": "PAIVA"},
             "huoltosuhteenLoppupv": {"arvo": "2034-05-01", "tarkkuus": "PAIVA"}, "oikeudet": []},
            {"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": false}]},
          {"henkilotunnus": "020594X902N", "tietoryhmat": [
            {"tietoryhma": "HENKILON_NIMI", "etunimi": "Kaisa", "sukunimi": "Koekäyttäjä",
             "etunimiUTF8": "Kaisa", "sukunimiUTF8": "Koekäyttäjä"},
            {"tietoryhma": "TURVAKIELTO", "turvakieltoAktiivinen": true, "turvaLoppuPv": {"arvo": "2031-12-31", "tarkkuus": "PAIVA"}},
            {"tietoryhma": "VAKINAINEN_KOTIMAINEN_OSOITE", "turvakiellonAlaisetKentat": ["katunimi", "katunumero",
             "huoneistokirjain", "huoneistonumero", "jakokirjain", "postinumero", "postitoimipaikka",
             "rakennustunnus", "osoitenumero", "kuntakoodi"]},
            {"tietoryhma": "KOTIKUNTA", "turvakiellonAlaisetKentat": ["kuntakoodi", "kuntaanMuuttopv"]}]}],
         "ajanTasalla": true}
        """#

    /// The same answer in the XML profile (vtj-xml-profile.md), field for field.
    static let perustiedotResponseXML = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <perustiedotVastaus ajanTasalla="true">
          <henkilo henkilotunnus="010594Y9032">
            <tietoryhma nimi="HENKILON_NIMI"><etunimi>Eero Ilmari</etunimi><sukunimi>Esimerkki</sukunimi>
              <etunimiUTF8>Eero Ilmari</etunimiUTF8><sukunimiUTF8>Esimerkki</sukunimiUTF8></tietoryhma>
            <tietoryhma nimi="VAKINAINEN_KOTIMAINEN_OSOITE"><katunimi><fi>Koekuja</fi><sv>Provgränden</sv></katunimi>
              <katunumero>3</katunumero><huoneistokirjain>B</huoneistokirjain><huoneistonumero>012</huoneistonumero>
              <postinumero>00100</postinumero><postitoimipaikka><fi>HELSINKI</fi><sv>HELSINGFORS</sv></postitoimipaikka>
              <osoitenumero>1</osoitenumero><kuntakoodi>091</kuntakoodi><alkupv tarkkuus="PAIVA">2020-01-31</alkupv></tietoryhma>
            <tietoryhma nimi="KOTIKUNTA"><kuntakoodi>091</kuntakoodi><kuntaanMuuttopv tarkkuus="PAIVA">2020-01-31</kuntaanMuuttopv></tietoryhma>
            <tietoryhma nimi="HUOLLETTAVA"><huollettava><henkilotunnus>010516B902W</henkilotunnus><etunimet>Aava</etunimet>
                <sukunimi>Esimerkki</sukunimi><etunimetUTF8>Aava</etunimetUTF8><sukunimiUTF8>Esimerkki</sukunimiUTF8>
                <syntymapv tarkkuus="PAIVA">2016-05-01</syntymapv><sukupuoli>NAINEN</sukupuoli></huollettava>
              <huoltajanLaji>LAKISAATEINEN_HUOLTAJA</huoltajanLaji><huoltajanRooli>ISA</huoltajanRooli>
              <huoltosuhteenAlkupv tarkkuus="PAIVA">2016-05-01</huoltosuhteenAlkupv>
              <huoltosuhteenLoppupv tarkkuus="PAIVA">2034-05-01</huoltosuhteenLoppupv><oikeudet/></tietoryhma>
            <tietoryhma nimi="TURVAKIELTO"><turvakieltoAktiivinen>false</turvakieltoAktiivinen></tietoryhma>
          </henkilo>
          <henkilo henkilotunnus="020594X902N">
            <tietoryhma nimi="HENKILON_NIMI"><etunimi>Kaisa</etunimi><sukunimi>Koekäyttäjä</sukunimi>
              <etunimiUTF8>Kaisa</etunimiUTF8><sukunimiUTF8>Koekäyttäjä</sukunimiUTF8></tietoryhma>
            <tietoryhma nimi="TURVAKIELTO"><turvakieltoAktiivinen>true</turvakieltoAktiivinen>
              <turvaLoppuPv tarkkuus="PAIVA">2031-12-31</turvaLoppuPv></tietoryhma>
            <tietoryhma nimi="VAKINAINEN_KOTIMAINEN_OSOITE"><turvakiellonAlaisetKentat><kentta>katunimi</kentta>
              <kentta>katunumero</kentta><kentta>huoneistokirjain</kentta><kentta>huoneistonumero</kentta>
              <kentta>jakokirjain</kentta><kentta>postinumero</kentta><kentta>postitoimipaikka</kentta>
              <kentta>rakennustunnus</kentta><kentta>osoitenumero</kentta><kentta>kuntakoodi</kentta></turvakiellonAlaisetKentat></tietoryhma>
            <tietoryhma nimi="KOTIKUNTA"><turvakiellonAlaisetKentat><kentta>kuntakoodi</kentta><kentta>kuntaanMuuttopv</kentta></turvakiellonAlaisetKentat></tietoryhma>
          </henkilo>
        </perustiedotVastaus>
        """#

    static let muutoksetRequest1 = #"{"viimeisinKirjausavain": 5446623423, "hetulista": ["010594Y9032"]}"#
    static let muutoksetResponse1 = #"""
        {"viimeisinKirjausavain": 5446623500, "ajanTasalla": false, "muutokset": [
          {"henkilotunnus": "010594Y9032", "muutospv": "2026-11-24T22:00:00.000Z", "tietoryhmat": [
            {"tietoryhma": "KOTIKUNTA", "muutosattribuutti": "LISATTY", "kuntakoodi": "049",
             "kuntaanMuuttopv": {"arvo": "2026-11-25", "tarkkuus": "PAIVA"}},
            {"tietoryhma": "EDELLINEN_KOTIKUNTA", "muutosattribuutti": "MUUTETTU", "kuntakoodi": "091",
             "kuntaanMuuttopv": {"arvo": "2020-01-31", "tarkkuus": "PAIVA"},
             "kunnastaPoisMuuttopv": {"arvo": "2026-11-24", "tarkkuus": "PAIVA"}}]}]}
        """#
    static let muutoksetResponse1XML = #"""
        <muutoksetVastaus ajanTasalla="false"><viimeisinKirjausavain>5446623500</viimeisinKirjausavain>
          <muutos henkilotunnus="010594Y9032" muutospv="2026-11-24T22:00:00.000Z">
            <tietoryhma nimi="KOTIKUNTA" muutosattribuutti="LISATTY"><kuntakoodi>049</kuntakoodi>
              <kuntaanMuuttopv tarkkuus="PAIVA">2026-11-25</kuntaanMuuttopv></tietoryhma>
            <tietoryhma nimi="EDELLINEN_KOTIKUNTA" muutosattribuutti="MUUTETTU"><kuntakoodi>091</kuntakoodi>
              <kuntaanMuuttopv tarkkuus="PAIVA">2020-01-31</kuntaanMuuttopv>
              <kunnastaPoisMuuttopv tarkkuus="PAIVA">2026-11-24</kunnastaPoisMuuttopv></tietoryhma>
          </muutos>
        </muutoksetVastaus>
        """#
    static let muutoksetRequest2 = #"{"viimeisinKirjausavain": 5446623500, "hetulista": ["010594Y9032"]}"#
    static let muutoksetResponse2 = #"{"viimeisinKirjausavain": 5446623500, "muutokset": [], "ajanTasalla": true}"#
    static let kirjausavainResponse = #"{"viimeisinKirjausavain": 5446623423}"#
}
