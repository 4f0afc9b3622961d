/// Element and attribute names of the wire profile (vtj-xml-profile.md), spelled once.
enum Wire {
    // Responses
    static let perustiedotVastaus = "perustiedotVastaus"
    static let muutoksetVastaus = "muutoksetVastaus"
    static let kirjausavainVastaus = "kirjausavainVastaus"
    static let virhe = "virhe"
    static let koodi = "koodi"
    static let viesti = "viesti"
    static let henkilo = "henkilo"
    static let muutos = "muutos"
    static let tietoryhma = "tietoryhma"
    static let jatkoavain = "jatkoavain"
    static let viimeisinKirjausavain = "viimeisinKirjausavain"
    static let turvakiellonAlaisetKentat = "turvakiellonAlaisetKentat"
    static let kentta = "kentta"
    static let fi = "fi"
    static let sv = "sv"
    // Requests
    static let perustiedotPyynto = "perustiedotPyynto"
    static let muutoksetPyynto = "muutoksetPyynto"
    static let hetulista = "hetulista"
    static let hetu = "hetu"
    static let kuntarajaus = "kuntarajaus"
    static let kuntakoodi = "kuntakoodi"
    static let tietoryhmat = "tietoryhmat"
    // Attributes (static C strings: looking one up then costs no conversion)
    static let ajanTasalla: StaticString = "ajanTasalla"
    static let henkilotunnus: StaticString = "henkilotunnus"
    static let muutospv: StaticString = "muutospv"
    static let nimi: StaticString = "nimi"
    static let muutosattribuutti: StaticString = "muutosattribuutti"
    static let tarkkuus: StaticString = "tarkkuus"

    /// `true`/`false` (and the schema's `1`/`0`).
    static func bool(_ text: String) -> Bool? {
        switch text.trimmingBlanks {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}

extension String {
    /// Without leading and trailing blanks (space, tab, CR, LF): for codes and numbers, never
    /// for field text.
    var trimmingBlanks: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
