/// The municipalities, streets and post offices the synthetic population lives in.
struct Municipality: Sendable {
    let code: String
    let fi: String
    let sv: String?
    /// Post office names (HELSINKI / HELSINGFORS); nil Swedish for monolingual areas.
    let postOffice: (fi: String, sv: String?)
    let postcodePrefix: String
    let streets: [(fi: String, sv: String?)]
}

enum Municipalities {
    static let all: [Municipality] = [
        Municipality(
            code: "091", fi: "Helsinki", sv: "Helsingfors", postOffice: ("HELSINKI", "HELSINGFORS"), postcodePrefix: "00",
            streets: [
                ("Mikkolantie", "Mickelsvägen"), ("Mannerheimintie", "Mannerheimvägen"), ("Hämeentie", "Tavastvägen"),
                ("Bulevardi", "Bulevarden"), ("Fredrikinkatu", "Fredriksgatan"), ("Itäinen Papinkatu", "Östra Prästgatan"),
                ("Pohjoisesplanadi", "Norra esplanaden"), ("Tööläntori", "Tölötorg"), ("Käpyläntie", "Kottbyvägen"),
                ("Mäkelänkatu", "Backasgatan"),
            ]),
        Municipality(
            code: "049", fi: "Espoo", sv: "Esbo", postOffice: ("ESPOO", "ESBO"), postcodePrefix: "02",
            streets: [("Leppävaarankatu", "Alberga gata"), ("Tapiontori", "Tapiotorget"), ("Kivenlahdenkatu", "Stensviksgatan")]),
        Municipality(
            code: "092", fi: "Vantaa", sv: "Vanda", postOffice: ("VANTAA", "VANDA"), postcodePrefix: "01",
            streets: [("Tikkurilantie", "Dickursvägen"), ("Myyrmäenraitti", "Myrbackastråket")]),
        Municipality(
            code: "837", fi: "Tampere", sv: "Tammerfors", postOffice: ("TAMPERE", "TAMMERFORS"), postcodePrefix: "33",
            streets: [("Hämeenkatu", nil), ("Satakunnankatu", nil), ("Pyynikintie", nil), ("Näsilinnankatu", nil)]),
        Municipality(
            code: "853", fi: "Turku", sv: "Åbo", postOffice: ("TURKU", "ÅBO"), postcodePrefix: "20",
            streets: [("Aurakatu", "Auragatan"), ("Yliopistonkatu", "Universitetsgatan"), ("Läntinen Rantakatu", "Västra Strandgatan")]),
        Municipality(
            code: "564", fi: "Oulu", sv: "Uleåborg", postOffice: ("OULU", nil), postcodePrefix: "90",
            streets: [("Isokatu", nil), ("Kajaaninkatu", nil), ("Hönttämäentie", nil)]),
        Municipality(
            code: "179", fi: "Jyväskylä", sv: nil, postOffice: ("JYVÄSKYLÄ", nil), postcodePrefix: "40",
            streets: [("Kauppakatu", nil), ("Väinönkatu", nil), ("Ylistönmäentie", nil)]),
        Municipality(
            code: "499", fi: "Mustasaari", sv: "Korsholm", postOffice: ("MUSTASAARI", "KORSHOLM"), postcodePrefix: "65",
            streets: [("Keskustie", "Centrumvägen"), ("Köpmansvägen", "Köpmansvägen"), ("Strandvägen", "Strandvägen")]),
    ]

    /// The municipality with this code, or a neutral stand-in for codes the table does not know.
    static func named(_ code: String) -> Municipality {
        all.first { $0.code == code }
            ?? Municipality(
                code: code, fi: "Kunta \(code)", sv: nil, postOffice: ("KUNTA \(code)", nil), postcodePrefix: "99",
                streets: [("Kirkkotie", "Kyrkvägen"), ("Koulukatu", nil)])
    }

    /// Streets only persons under turvakielto live on (see `SandboxAddress.init(protected:)`).
    static let protectedStreets: [(fi: String, sv: String?)] = [
        ("Kätköpolku", "Gömstigen"), ("Piilokuja", "Gömgränd"), ("Varjorinne", "Skuggbrinken"), ("Suojalehdontie", "Skyddslundsvägen"),
    ]
    /// No municipality's postcodes start with it, so a protected postcode is unique in every output.
    static let protectedPostcodePrefix = "98"

    /// Countries used for persons abroad, born abroad or with a second citizenship (ISO 3166 numeric).
    static let countries: [(code: String, place: String)] = [
        ("752", "Göteborg"), ("233", "Tallinn"), ("643", "Sankt-Peterburg"), ("276", "München"),
        ("826", "Cork"), ("706", "Mogadishu"), ("724", "Málaga"), ("792", "İzmir"),
    ]

    /// Mother tongues besides Finnish and Swedish: (kielikoodi, ISO 639-2, nimi when unusual).
    static let otherLanguages: [(code: String, iso: String, name: String?)] = [
        ("ru", "rus", nil), ("et", "est", nil), ("so", "som", nil), ("ar", "ara", nil), ("en", "eng", nil),
        ("98", "fse", "suomalainen viittomakieli"),
    ]

    static let occupations: [(code: String, name: String)] = [
        ("2341", "luokanopettaja"), ("2221", "sairaanhoitaja"), ("7411", "sähköasentaja"), ("2512", "ohjelmistokehittäjä"),
        ("5120", "kokki"), ("8322", "linja-autonkuljettaja"), ("3343", "johdon assistentti"), ("9112", "siivooja"),
        ("2611", "asianajaja"), ("0000", "eläkeläinen"),
    ]

    static let religions = ["EV_LUT", "EV_LUT", "EV_LUT", "EI_USKONTOKUNTAA", "EI_USKONTOKUNTAA", "ORT", "REK_USK"]
}
