import VTJCore

/// `Henkilo`'s blocks onto the XML profile's groups and field names (vtj-soap-kysely.md §10), so a
/// SOAP answer becomes the same ``Person`` the other wires produce. Empty means no data (§6): a
/// record is made only when one of its source elements holds a value, and empty fields are left
/// out. Codes keep their leading zeros; dates `vvvvkkpp` become profile dates.
enum SOAPPersonMapping {
    /// The result of mapping one `Henkilo`.
    struct Mapped {
        var hetu: String?
        var validity: String?
        var records: [Record] = []
        var carried: Set<GroupName> = []
        var hasTurvakielto = false
    }

    /// The groups each block carries (present = carried, empty or not).
    static let blockGroups: [String: [GroupName]] = [
        "Henkilotunnus": [.syntymapaiva],
        "NykyinenSukunimi": [.henkilonNimi], "NykyisetEtunimet": [.henkilonNimi],
        "EntinenNimi": [.nimenmuutos],
        "VakinainenKotimainenLahiosoite": [.vakinainenKotimainenOsoite], "VakinainenKotimainenOsoite": [.vakinainenKotimainenOsoite],
        "VakinainenAsuinpaikka": [.vakinainenKotimainenAsuinpaikkatunnus],
        "VakinainenUlkomainenLahiosoite": [.vakinainenUlkomaillaAsuminen],
        "KotimainenPostiosoite": [.kotimainenPostiosoite],
        "Kotikunta": [.kotikunta],
        "Kuolintiedot": [.kuolinpaiva],
        "Kuolleeksijulistamistiedot": [.kuolleeksijulistamispaiva],
        "Aidinkieli": [.aidinkieli],
        "Turvakielto": [.turvakielto],
        "Sukupuoli": [.sukupuoli],
        "Kansalaisuus": [.kansalaisuus],
        "Edunvalvonta": [.edunvalvonta],
        "Edunvalvontavaltuutus": [.edunvalvontavaltuutus],
        "Huoltaja": [.huoltaja], "Huollettava": [.huollettava], "Lapsi": [.lapsi],
        "Huostaanotto": [.huostaanotto],
        "Ammatti": [.ammatti],
        "UlkomainenSyntymapaikka": [.ulkomainenSyntymapaikka],
    ]

    /// Blocks the reader keeps; everything else inside `Henkilo` is skipped unread.
    static let readBlocks = Set(blockGroups.keys)

    /// Every group some SOAP block can deliver (plus HENKILOTUNNUS_KORJAUS, made from return code
    /// 0002): a group outside this set is never delivered on the SOAP wire (§10's closing list).
    static let deliverableGroups: Set<GroupName> = Set(blockGroups.values.joined()).union([.henkilotunnusKorjaus])

    static func map(_ blocks: [SOAPNode]) -> Mapped {
        var mapped = Mapped()
        var records: [Record] = []
        var citizenships: [Field] = []
        var names: (first: String?, last: String?) = (nil, nil)
        for block in blocks {
            mapped.carried.formUnion(blockGroups[block.name] ?? [])
            switch block.name {
            case "Henkilotunnus":
                guard mapped.hetu == nil else { continue }
                mapped.hetu = SOAPValues.withoutPrettyPrinting(block.text).trimmingBlanks
                mapped.validity = block.attributes["voimassaolokoodi"]?.trimmingBlanks
                if let code = try? Henkilotunnus(mapped.hetu ?? "") {
                    records.append(Record(group: .syntymapaiva, fields: [.date("syntymapv", PartialDate(code.birthDate))]))
                }
            case "NykyinenSukunimi": names.last = names.last ?? block.value("Sukunimi")
            case "NykyisetEtunimet": names.first = names.first ?? block.value("Etunimet")
            case "EntinenNimi": records += previousName(block)
            case "VakinainenKotimainenLahiosoite": records += joinedAddress(block)
            case "VakinainenKotimainenOsoite": records += splitAddress(block)
            case "VakinainenAsuinpaikka": records += residence(block)
            case "VakinainenUlkomainenLahiosoite": records += abroad(block)
            case "KotimainenPostiosoite": records += postalAddress(block)
            case "Kotikunta": records += homeMunicipality(block)
            case "Kuolintiedot": records += death(block)
            case "Kuolleeksijulistamistiedot": records += declaredDead(block)
            case "Aidinkieli": records += language(block)
            case "Turvakielto":
                mapped.hasTurvakielto = true
                records.append(turvakielto(block))
            case "Sukupuoli": records += sex(block)
            case "Kansalaisuus": citizenships += citizenship(block)
            case "Edunvalvonta": records += guardianship(block)
            case "Edunvalvontavaltuutus": records += powerOfAttorney(block)
            case "Huoltaja": records += relation(block, group: .huoltaja, field: "huoltaja")
            case "Huollettava": records += relation(block, group: .huollettava, field: "huollettava")
            case "Lapsi": records += relation(block, group: .lapsi, field: "lapsi")
            case "Huostaanotto": records += takenIntoCare(block)
            case "Ammatti": records += occupation(block)
            case "UlkomainenSyntymapaikka": records += birthplaceAbroad(block)
            default: break
            }
        }
        if names.first != nil || names.last != nil {
            var fields: [Field] = []
            if let first = names.first { fields.append(.text("etunimi", first)) }
            if let last = names.last { fields.append(.text("sukunimi", last)) }
            if let first = names.first { fields.append(.text("etunimiUTF8", first)) }
            if let last = names.last { fields.append(.text("sukunimiUTF8", last)) }
            records.append(Record(group: .henkilonNimi, fields: fields))
        }
        if !citizenships.isEmpty {
            records.append(Record(group: .kansalaisuus, fields: [.composite("henkilonKansalaisuudet", citizenships)]))
        }
        // The product's order, whatever order the answer had (products differ, §4.3).
        let rank = Dictionary(uniqueKeysWithValues: GroupName.productGroupsInOrder.enumerated().map { ($1, $0) })
        mapped.records = records.enumerated()
            .sorted { (rank[$0.element.group] ?? .max, $0.offset) < (rank[$1.element.group] ?? .max, $1.offset) }
            .map(\.element)
        return mapped
    }
}
