import VTJCore

/// What runs when no configuration file is given: the sandbox, `./inbox`, `./outbox`, `./state`, and these departments.
package enum ConfigurationDefaults {
    /// Example departments covering the seed's section 2 (purposes) and section 5 (groups).
    package static let exampleDepartments: [DepartmentSettings] = [
        department("kirjasto", [.kirjasto], .kirjasto,
                   [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite, .kotimainenPostiosoite, .turvakielto,
                    .kuolinpaiva],
                   format: .xml),
        department("rakennusvalvonta", [.rakennusvalvonta, .lupaJaValvontamaksut], .rakennusvalvonta,
                   [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite, .kotimainenPostiosoite,
                    .vakinainenKotimainenAsuinpaikkatunnus, .turvakielto, .kuolinpaiva]),
        department("sivistys", [.perusopetus, .lukiokoulutus, .varhaiskasvatus, .esiopetus], .perusopetus,
                   [.henkilonNimi, .syntymapaiva, .sukupuoli, .aidinkieli, .kotikunta, .vakinainenKotimainenOsoite,
                    .kotimainenPostiosoite, .turvakielto, .huoltaja, .huollettava, .vanhempi, .lapsi,
                    .uskontokuntalaji]),
        department("vesihuolto", [.vesihuolto, .jatehuolto], .vesihuolto,
                   [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite, .kotimainenPostiosoite,
                    .vakinainenKotimainenAsuinpaikkatunnus, .turvakielto, .kuolinpaiva],
                   municipalityWide: true),
        department("ymparisto", [.ymparistonsuojelu, .valvonta, .tarkastus], .ymparistonsuojelu,
                   [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite, .kotimainenPostiosoite, .turvakielto]),
    ]

    private static func department(
        _ id: String, _ purposes: [Purpose], _ defaultPurpose: Purpose, _ groups: [GroupName],
        format: OutputFormat = .csv, municipalityWide: Bool = false,
        readiness: ReadinessMode = .settle
    ) -> DepartmentSettings {
        DepartmentSettings(
            profile: DepartmentProfile(id: id, purposes: purposes, defaultPurpose: defaultPurpose, groups: groups,
                                       format: format, municipalityWide: municipalityWide,
                                       layout: DepartmentProfile.defaultLayout(purpose: defaultPurpose, groups: groups)),
            readiness: readiness)
    }
}
