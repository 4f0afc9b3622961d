/// The reader's numbers for the profile's element names, looked up once per document so the
/// readers compare integers per node.
struct NameIDs {
    let perustiedotVastaus, muutoksetVastaus, kirjausavainVastaus, virhe, koodi, viesti: Int32
    let henkilo, muutos, tietoryhma, jatkoavain, viimeisinKirjausavain: Int32
    let turvakiellonAlaisetKentat, kentta, fi, sv: Int32
    let perustiedotPyynto, muutoksetPyynto, hetulista, hetu, kuntarajaus, kuntakoodi, tietoryhmat: Int32

    init(_ cursor: XMLCursor) {
        perustiedotVastaus = cursor.id(of: Wire.perustiedotVastaus)
        muutoksetVastaus = cursor.id(of: Wire.muutoksetVastaus)
        kirjausavainVastaus = cursor.id(of: Wire.kirjausavainVastaus)
        virhe = cursor.id(of: Wire.virhe)
        koodi = cursor.id(of: Wire.koodi)
        viesti = cursor.id(of: Wire.viesti)
        henkilo = cursor.id(of: Wire.henkilo)
        muutos = cursor.id(of: Wire.muutos)
        tietoryhma = cursor.id(of: Wire.tietoryhma)
        jatkoavain = cursor.id(of: Wire.jatkoavain)
        viimeisinKirjausavain = cursor.id(of: Wire.viimeisinKirjausavain)
        turvakiellonAlaisetKentat = cursor.id(of: Wire.turvakiellonAlaisetKentat)
        kentta = cursor.id(of: Wire.kentta)
        fi = cursor.id(of: Wire.fi)
        sv = cursor.id(of: Wire.sv)
        perustiedotPyynto = cursor.id(of: Wire.perustiedotPyynto)
        muutoksetPyynto = cursor.id(of: Wire.muutoksetPyynto)
        hetulista = cursor.id(of: Wire.hetulista)
        hetu = cursor.id(of: Wire.hetu)
        kuntarajaus = cursor.id(of: Wire.kuntarajaus)
        kuntakoodi = cursor.id(of: Wire.kuntakoodi)
        tietoryhmat = cursor.id(of: Wire.tietoryhmat)
    }
}
