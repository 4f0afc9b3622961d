import VTJCore

/// The JSON wire's keys and typing rules (vtj-json-wire.md, sections 2–6), spelled once.
public enum JSONWireNames {
    /// Fields DVV sends as JSON integers (section 2); everything else that is not a date, a
    /// bilingual text, a list or a stub is a string.
    public static let integerFields: Set<String> = [
        "osoitenumero", "lajikoodi", "vuodenvaihde", "uskontokunta", "jarjestysnumero", "viranomaisnumero",
    ]

    /// Fields DVV sends as JSON booleans (section 2 and the change flags of section 3.3).
    /// `huostaanotettu` has no public sample; vtjdrop sends and expects a boolean (provisional).
    public static let booleanFields: Set<String> = [
        "turvakieltoAktiivinen", "kuollut", "huostaanotettu",
        "huoltosuhteenMuutos", "huollonOikeudenMuutos", "huollonAsumisenMuutos",
    ]

    /// The element name each list's items get in the XML profile, so that a JSON list becomes the
    /// same `Field` tree the XML reader builds (`henkilonKansalaisuudet` → `kansalaisuus`…).
    /// Lists the product's schema names come from ``GroupSchema``; the rest are the change records'
    /// extra lists (section 3.3), which no group delivers but which must still read the same way.
    public static let listItems: [String: String] = {
        var items: [String: String] = [
            "lisatytKansalaisuudet": "kansalaisuus", "muutetutKansalaisuudet": "kansalaisuus",
            "poistetutKansalaisuudet": "kansalaisuus", "korjattavatKansalaisuudet": "kansalaisuus",
            "korjatutKansalaisuudet": "kansalaisuus",
            "oikeudet": "oikeus", "lisatytOikeudet": "oikeus", "poistetutOikeudet": "oikeus", "muutetutOikeudet": "oikeus",
            "voimassaolevatTiedot": "tietoryhma",
        ]
        for group in GroupName.productGroupsInOrder {
            for spec in GroupSchema.fields(of: group) ?? [] {
                switch spec.kind {
                case .list(let item, _), .textList(let item): items[spec.name] = item
                default: break
                }
            }
        }
        return items
    }()

    /// Item name for a list without an entry in ``listItems`` (dropped on delivery anyway).
    public static let genericListItem = "alkio"

    /// The item name of the list `name`.
    public static func itemName(ofList name: String) -> String { listItems[name] ?? genericListItem }

    /// An older spelling DVV still sends beside the current one (OPH's fixtures), read as ``currentSpelling``.
    public static let olderSpelling = "kuntaanMuuttoPv"
    /// The current spelling of ``olderSpelling``.
    public static let currentSpelling = "kuntaanMuuttopv"
}
