import Testing
@testable import VTJCore

@Suite struct DepartmentProfileTests {
    static let sivistys = DepartmentProfile.Draft(
        id: "sivistys", purposes: ["perusopetus", "lukiokoulutus", "varhaiskasvatus"], defaultPurpose: "perusopetus",
        groups: ["HENKILON_NIMI", "SUKUPUOLI", "KOTIKUNTA", "VAKINAINEN_KOTIMAINEN_OSOITE", "TURVAKIELTO", "HUOLTAJA",
                 "USKONTOKUNTALAJI"],
        format: "csv")

    @Test func validDraftBecomesAProfile() throws {
        let profile = try Self.sivistys.validate().get()
        #expect(profile.purposes == [.perusopetus, .lukiokoulutus, .varhaiskasvatus])
        #expect(profile.defaultPurpose == .perusopetus)
        #expect(profile.groups == [.sukupuoli, .henkilonNimi, .turvakielto, .vakinainenKotimainenOsoite, .kotikunta,
                                   .huoltaja, .uskontokuntalaji], "the product's order, whatever the file's")
        #expect(profile.csv == .standard)
        #expect(profile.format == .csv && !profile.municipalityWide)
    }

    @Test func everyProblemIsReportedAtOnceWithItsKey() {
        let draft = DepartmentProfile.Draft(
            id: "kirjasto", purposes: ["kirjasto", "hr", "kirjasto", "lentopallo"], defaultPurpose: "liikunta",
            groups: ["HENKILON_NIMI", "KOTIKUNTA", "OSOITE", "USKONTOKUNTALAJI"], format: "pdf", delimiter: "::",
            lineEnding: "cr")
        guard case .failure(let found) = draft.validate() else {
            Issue.record("an invalid draft was accepted")
            return
        }
        let keys = found.problems.map(\.key)
        #expect(keys == [
            "departments.kirjasto.purposes[1]", "departments.kirjasto.purposes[2]", "departments.kirjasto.purposes[3]",
            "departments.kirjasto.default_purpose", "departments.kirjasto.groups[2]", "departments.kirjasto.groups[3]",
            "departments.kirjasto.format", "departments.kirjasto.csv.delimiter", "departments.kirjasto.csv.line_ending",
        ])
        #expect(found.problems[4].description == #"departments.kirjasto.groups[2]: "OSOITE" is not a group of the product; use one of the seed's section 5 (e.g. HENKILON_NIMI, KOTIKUNTA)"#)
        #expect(found.problems[0].message.contains("employees"))
    }

    @Test(arguments: ["henkilosto", "HR", "työntekijät", "asiakasrekisteri", "oppilasrekisteri", "Henkilöstöhallinto"])
    func excludedPurposesAreNeverConfigurable(_ text: String) {
        guard case .failure(.excluded) = Purpose.parse(text) else {
            Issue.record("\(text) was not refused as excluded")
            return
        }
        let draft = DepartmentProfile.Draft(id: "x", purposes: [text], groups: ["HENKILON_NIMI"])
        #expect(throws: ConfigurationProblems.self) { try draft.validate().get() }
    }

    @Test func purposeCatalogueIds() {
        #expect(Purpose.allCases.count == 22)
        #expect(Purpose.parse(" Ammatillinen Koulutus ") == .success(.ammatillinenKoulutus))
        #expect(Purpose.parse("PERUSOPETUS") == .success(.perusopetus))
        #expect(Purpose.allCases.allSatisfy { $0.rawValue.unicodeScalars.allSatisfy { $0.isASCII } })
    }

    @Test(arguments: [("sivistys", true), ("a", true), ("9x", true), ("", false), ("-x", false), ("Kirjasto", false),
                      ("../etc", false), ("kir jasto", false), ("kirjastö", false)])
    func departmentIDs(_ id: String, _ valid: Bool) {
        #expect(DepartmentProfile.isValidID(id) == valid)
    }

    @Test func duplicateDepartmentsAndMissingDefaultsAreReported() {
        let drafts = [
            DepartmentProfile.Draft(id: "a", purposes: ["kirjasto", "liikunta"], groups: ["KOTIKUNTA"]),
            DepartmentProfile.Draft(id: "a", purposes: ["kirjasto"], groups: []),
        ]
        guard case .failure(let found) = DepartmentProfile.validate(drafts) else {
            Issue.record("accepted")
            return
        }
        #expect(found.problems.map(\.key) == ["departments.a.default_purpose", "departments.a", "departments.a.groups"])
    }

    @Test func dialectOptions() throws {
        var draft = Self.sivistys
        draft.delimiter = "tab"
        draft.lineEnding = "LF"
        draft.byteOrderMark = false
        draft.neutraliseFormulas = false
        draft.municipalityWide = true
        let profile = try draft.validate().get()
        #expect(profile.csv == CSVDialect(delimiter: "\t", lineEnding: .lf, byteOrderMark: false, neutraliseFormulas: false))
        #expect(profile.municipalityWide)
    }

    // MARK: - Requests

    @Test func requestNarrowsGroupsAndReportsTheRest() throws {
        let profile = try Self.sivistys.validate().get()
        let granted = try profile.authorise(purpose: "lukiokoulutus", groups: ["kotikunta", "HENKILON_NIMI", "AMMATTI", "OSOITE"]).get()
        #expect(granted.purpose == .lukiokoulutus)
        #expect(granted.groups == [.henkilonNimi, .kotikunta])
        #expect(granted.refusedGroups == [GroupRefusal(requested: "AMMATTI", reason: .notInProfile),
                                          GroupRefusal(requested: "OSOITE", reason: .notProductGroup)])
        let all = try profile.authorise(purpose: nil, groups: nil).get()
        #expect(all.purpose == .perusopetus && all.groups == profile.groups)
    }

    @Test func requestRefusals() throws {
        let profile = try Self.sivistys.validate().get()
        #expect(profile.authorise(purpose: "kirjasto", groups: nil)
            == .failure(.purposeNotLicensed(.kirjasto, department: "sivistys", licensed: profile.purposes)))
        #expect(profile.authorise(purpose: "hr", groups: nil) == .failure(.purpose(.excluded("hr", .employees))))
        #expect(profile.authorise(purpose: "sirkus", groups: nil) == .failure(.purpose(.unknown("sirkus"))))
        #expect(profile.authorise(purpose: nil, groups: nil, municipalityWide: true)
            == .failure(.municipalityWideNotAllowed(department: "sivistys")))
        #expect(profile.authorise(purpose: nil, groups: ["AMMATTI"]) == .failure(.noGroupsLeft(requested: ["AMMATTI"])))
        for refusal in [DropRefusal.purposeNotLicensed(.kirjasto, department: "sivistys", licensed: [.perusopetus]),
                        .purpose(.excluded("hr", .employees)), .unreadableFile(detail: .technical("line 3: not UTF-8"))] {
            #expect(!refusal.finnish.isEmpty && !refusal.description.contains("\n"))
        }
    }
}
