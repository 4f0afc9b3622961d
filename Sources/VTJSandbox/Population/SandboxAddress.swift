import VTJCore

/// A synthetic permanent address and the records that describe it.
struct SandboxAddress: Sendable, Hashable {
    let municipality: Municipality
    let street: (fi: String, sv: String?)
    let number: String
    let stair: String?
    let apartment: String
    let postcode: String
    let building: String
    let residenceCode: String
    let since: CivilDate

    /// - Parameter protected: the address of a person under turvakielto. It comes from streets and
    ///   postcodes nobody else has, so a leak check can search outputs for it without false hits.
    init(municipalityCode: String, subject: Int, hash: SeededHash, purpose: UInt64, since: CivilDate, protected: Bool = false) {
        let place = Municipalities.named(municipalityCode)
        municipality = place
        street = hash.pick(protected ? Municipalities.protectedStreets : place.streets, subject, purpose)
        let house = 1 + hash.below(60, subject, purpose ^ 0x1)
        number = hash.chance(0.05, subject, purpose ^ 0x2) ? "\(house)a-\(house)b" : "\(house)"
        let flat = hash.chance(0.7, subject, purpose ^ 0x3)
        stair = flat ? ["A", "B", "C"][hash.below(3, subject, purpose ^ 0x4)] : nil
        let apartmentNumber = flat ? 1 + hash.below(60, subject, purpose ^ 0x5) : 0
        apartment = apartmentNumber < 10 ? "00\(apartmentNumber)" : "0\(apartmentNumber)"
        postcode = (protected ? Municipalities.protectedPostcodePrefix : place.postcodePrefix) + String(100 + hash.below(900, subject, purpose ^ 0x6))
        let digits = String(100_000_000 + hash.below(900_000_000, subject, purpose ^ 0x7))
        building = digits + String(Henkilotunnus.checkAlphabet[Int(digits)! % 31])
        // Fixed width 16: building id, address number, stair, apartment, and a significant trailing space.
        residenceCode = digits.prefix(9) + "1" + (stair ?? "0") + apartment + "00 "
        self.since = since
    }

    static func == (lhs: SandboxAddress, rhs: SandboxAddress) -> Bool { lhs.residenceCode == rhs.residenceCode && lhs.since == rhs.since }
    func hash(into hasher: inout Hasher) { hasher.combine(residenceCode) }

    /// `VAKINAINEN_KOTIMAINEN_OSOITE`.
    func addressRecord(change: ChangeAttribute? = nil, until: CivilDate? = nil) -> Record {
        var fields: [Field] = [
            .bilingual("katunimi", fi: street.fi, sv: street.sv),
            .text("katunumero", number),
        ]
        if let stair { fields.append(.text("huoneistokirjain", stair)) }
        fields.append(.text("huoneistonumero", apartment))
        fields += [
            .text("postinumero", postcode),
            .bilingual("postitoimipaikka", fi: municipality.postOffice.fi, sv: municipality.postOffice.sv),
            .text("rakennustunnus", building),
            .text("osoitenumero", "1"),
            .text("kuntakoodi", municipality.code),
            .date("alkupv", PartialDate(since)),
        ]
        if let until { fields.append(.date("loppupv", PartialDate(until))) }
        return Record(group: .vakinainenKotimainenOsoite, change: change, fields: fields)
    }

    /// `VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS`, or the `EDELLINEN_` variant when `previous`.
    func residenceRecord(previous: Bool = false, change: ChangeAttribute? = nil, until: CivilDate? = nil) -> Record {
        var fields: [Field] = [
            .text("asuinpaikantunnus", residenceCode),
            .text("rakennustunnus", building),
            .text("osoitenumero", "1"),
        ]
        if let stair { fields.append(.text("huoneistokirjain", stair)) }
        fields += [
            .text("huoneistonumero", apartment),
            .text("kuntakoodi", municipality.code),
            .date("alkupv", PartialDate(since)),
        ]
        if let until { fields.append(.date("loppupv", PartialDate(until))) }
        let group: GroupName = previous ? .edellinenKotimainenAsuinpaikkatunnus : .vakinainenKotimainenAsuinpaikkatunnus
        return Record(group: group, change: change, fields: fields)
    }

    /// `KOTIKUNTA` for a person living here.
    func homeMunicipalityRecord(change: ChangeAttribute? = nil) -> Record {
        Record(group: .kotikunta, change: change, fields: [
            .text("kuntakoodi", municipality.code), .date("kuntaanMuuttopv", PartialDate(since)),
        ])
    }
}
