import VTJCore

/// Censors the way the interface does for rule VAIN_KOTIKUNTATIEDOT_VALITETAAN (seed, section 6):
/// for a person under turvakielto, each of the five location groups becomes one placeholder that
/// lists the suppressed fields, whether or not the person has data in it.
enum SandboxCensor {
    /// Field names listed in the placeholder of each censored group.
    static let suppressedFields: [GroupName: [String]] = [
        .vakinainenKotimainenOsoite: [
            "katunimi", "katunumero", "huoneistokirjain", "huoneistonumero", "jakokirjain", "postinumero",
            "postitoimipaikka", "rakennustunnus", "osoitenumero", "kuntakoodi",
        ],
        .kotimainenPostiosoite: ["postiosoite", "postinumero", "postitoimipaikka"],
        .vakinainenKotimainenAsuinpaikkatunnus: [
            "asuinpaikantunnus", "rakennustunnus", "osoitenumero", "huoneistokirjain", "huoneistonumero", "jakokirjain",
            "kuntakoodi",
        ],
        .vakinainenOlinpaikassaAsuminen: ["kuntakoodi", "lajikoodi", "numero", "laitos", "asuinpaikantunnus"],
        .vakinainenUlkomaillaAsuminen: ["valtiokoodi", "asuinpaikantunnus"],
    ]

    static func placeholder(_ group: GroupName, change: ChangeAttribute? = nil) -> Record {
        Record(group: group, change: change, fields: [], censoredFields: suppressedFields[group] ?? [])
    }

    /// A basic-data person: real location records out, one placeholder per censored group in
    /// (only for the groups asked for, when `groups` narrows the request).
    static func censor(_ person: Person, groups: Set<GroupName>?) -> Person {
        let censored = Set(GroupName.censoredUnderTurvakielto)
        var out = person
        out.records = person.records.filter { !censored.contains($0.group) }
        for group in GroupName.censoredUnderTurvakielto where groups?.contains(group) ?? true {
            out.records.append(placeholder(group))
        }
        out.records = SandboxPopulation.ordered(out.records)
        return out
    }

    /// A change entry: each censored record becomes a placeholder with the same change attribute
    /// (context records `LISATIETO` show as `MUUTETTU`, as the interface does when a ban starts).
    static func censor(_ change: Change) -> Change {
        let censored = Set(GroupName.censoredUnderTurvakielto)
        var out = change
        var seen: Set<String> = []
        out.records = change.records.compactMap { record in
            guard censored.contains(record.group) else { return record }
            let attribute: ChangeAttribute? = record.change == .context ? .changed : record.change
            guard seen.insert("\(record.group.rawValue)|\(attribute?.rawValue ?? "")").inserted else { return nil }
            return placeholder(record.group, change: attribute)
        }
        return out
    }
}
