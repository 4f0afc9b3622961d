import Foundation
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

@Suite struct ConfigurationLoaderTests {
    let credentials = ["VTJDROP_VTJ_USER": "kunta-x", "VTJDROP_VTJ_PASSWORD": "pw-9f3a"]

    func load(_ yaml: String, in folder: TempFolder, env: [String: String]? = nil,
              overrides: ConfigurationOverrides = .init()) throws -> ConfigurationLoader.Loaded {
        let file = try folder.write("vtjdrop.yaml", yaml)
        var overrides = overrides
        overrides.configFile = file
        return try ConfigurationLoader.load(overrides: overrides, environment: env ?? credentials,
                                            workingDirectory: folder.path + "/cwd")
    }

    func problems(_ yaml: String, in folder: TempFolder, env: [String: String]? = nil) throws -> [String] {
        do {
            _ = try load(yaml, in: folder, env: env)
            Issue.record("expected the configuration to be refused")
            return []
        } catch let error as ConfigurationError {
            return error.problems.map(\.description)
        }
    }

    /// A shipped example installed as /etc/vtjdrop/vtjdrop.yaml with its TLS files in tls/ beside it.
    static func installed(_ example: String) throws -> (TempFolder, String) {
        let folder = try TempFolder()
        let text = try String(contentsOfFile: repositoryRoot + "/examples/" + example, encoding: .utf8)
        let file = try folder.write("vtjdrop.yaml", text)
        try FileManager.default.createDirectory(atPath: folder.path + "/tls", withIntermediateDirectories: true)
        for name in ["vtjdrop-client.pem", "liityntapalvelin-ca.pem"] { _ = try folder.write("tls/" + name, "PEM") }
        _ = try folder.write("tls/vtjdrop-client.key", "PEM", mode: 0o600)
        return (folder, file)
    }

    @Test func theShippedExampleLoadsAndValidates() throws {
        let (folder, file) = try Self.installed("vtjdrop.yaml")
        let loaded = try ConfigurationLoader.load(overrides: .init(configFile: file), environment: credentials,
                                                  workingDirectory: "/")
        let config = loaded.configuration
        #expect(loaded.warnings.isEmpty)
        #expect(config.interface.wire == .json && config.interface.municipalityCodes == ["091"])
        #expect(config.interface.clientCertificate == folder.path + "/tls/vtjdrop-client.pem")
        #expect(config.interface.caBundle == folder.path + "/tls/liityntapalvelin-ca.pem")
        #expect(config.interface.maxResponseBytes == 128 << 20)
        #expect(config.departments.map(\.id) == ["kirjasto", "rakennusvalvonta", "sivistys", "vesihuolto", "ymparisto"])
        #expect(config.interface.endpoint == .remote(url: "https://liityntapalvelin.kunta.example/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1"))
        #expect(config.interface.xRoadClient == "FI/MUN/0123456-7/vtjdrop")
        #expect(config.intake.maxFileBytes == 64 << 20)
        #expect(config.state == "/var/lib/vtjdrop")
        #expect(config.changeSchedule.times.map(\.description) == ["06:00"])
        let ymparisto = try #require(config.department("ymparisto"))
        #expect(ymparisto.readiness == .marker)
        #expect(ymparisto.profile.csv.delimiter == "\t")
        #expect(ymparisto.profile.csv.lineEnding == .lf)
        #expect(ymparisto.profile.csv.byteOrderMark == false)
        #expect(config.department("vesihuolto")?.profile.municipalityWide == true)
        #expect(config.department("kirjasto")?.profile.format == .xml)
        #expect(config.department("kirjasto")?.profile.defaultPurpose == .kirjasto)
        #expect(config.credentials.user == "kunta-x")
        #expect(config.credentials.password.exposedForUse() == "pw-9f3a")
    }

    @Test func theShippedSOAPExampleLoadsAndValidates() throws {
        let (_, file) = try Self.installed("vtjdrop-soap.yaml")
        let loaded = try ConfigurationLoader.load(overrides: .init(configFile: file), environment: credentials, workingDirectory: "/")
        let config = loaded.configuration
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(config.interface.wire == .soap && config.interface.soapProduct == "PERUSSANOMA 3")
        #expect(config.interface.endpoint == .remote(url: "https://liityntapalvelin.kunta.example/"), "the SOAP endpoint is used as written")
        #expect(config.interface.xRoadClient == "FI/MUN/0123456-7/vtjdrop" && config.interface.xRoadService == nil)
        #expect(config.interface.maxResponseBytes == 1 << 20 && config.changeSchedule.times.isEmpty)
        #expect(config.departments.map(\.id) == ["kirjasto", "sivistys"])
        let summary = config.summary.joined(separator: "\n")
        #expect(summary.contains("product PERUSSANOMA 3") && !summary.contains("pw-9f3a"), "\(summary)")
    }

    static let remoteJSON = """
        vtj:
          url: https://ss.kunta.example/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1
          wire: json
        departments:
          vesihuolto:
            purposes: [vesihuolto]
            groups: [HENKILON_NIMI, TURVAKIELTO]
            municipality_operations: true
        """

    @Test func theJSONWireNeedsTheLicensedCodesForMunicipalOperations() throws {
        let folder = try TempFolder()
        let refused = try problems(Self.remoteJSON, in: folder)
        #expect(refused.count == 1 && refused[0].contains("vtj.municipality_codes") && refused[0].contains("vesihuolto"))
        let named = try load(Self.remoteJSON.replacingOccurrences(of: "  wire: json", with: "  wire: json\n  municipality_codes: [\"091\", \"049\"]"),
                             in: folder)
        #expect(named.configuration.interface.municipalityCodes == ["091", "049"])
        // The XML profile's empty <kuntarajaus/> needs none; nor does the built-in sandbox (its one municipality).
        #expect(try load(Self.remoteJSON.replacingOccurrences(of: "  wire: json", with: "  wire: xml"), in: folder).configuration.interface.wire == .xml)
        let sandbox = Self.remoteJSON.replacingOccurrences(of: "  url: https://ss.kunta.example/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1\n",
                                                           with: "  sandbox: true\n")
        #expect(try load(sandbox, in: folder, env: [:]).configuration.interface.wire == .json)
    }

    @Test func wireCodesAndResponseCapAreChecked() throws {
        let folder = try TempFolder()
        let yaml = """
            vtj:
              wire: ftp
              municipality_codes: [91, "0910"]
              max_response_bytes: 64K
            departments:
              kirjasto:
                purposes: [kirjasto]
                groups: [HENKILON_NIMI]
            """
        let found = try problems(yaml, in: folder, env: [:])
        #expect(found.contains { $0.contains("vtj.wire") && $0.contains("\"ftp\" is not xml, json or soap") }, "\(found)")
        #expect(found.filter { $0.contains("vtj.municipality_codes") && $0.contains("three-digit") }.count == 2)
        #expect(found.contains { $0.contains("vtj.max_response_bytes") && $0.contains("1M…16G") })
        let flag = try load("vtj: {sandbox: true}\ndepartments:\n  kirjasto:\n    purposes: [kirjasto]\n    groups: [HENKILON_NIMI]\n", in: folder, env: [:],
                            overrides: ConfigurationOverrides(wire: "json"))
        #expect(flag.configuration.interface.wire == .json && flag.configuration.interface.maxResponseBytes == 128 << 20)
    }

    @Test func noConfigurationMeansSandboxDefaultsAndExampleDepartments() throws {
        let loaded = try ConfigurationLoader.load(overrides: .init(), environment: [:], workingDirectory: "/srv/x")
        let config = loaded.configuration
        #expect(config.isBuiltInDefault)
        #expect(config.interface.endpoint == .sandbox)
        #expect(config.inbox == "/srv/x/inbox")
        #expect(config.outbox == "/srv/x/outbox")
        #expect(config.state == "/srv/x/state")
        #expect(config.credentials == .sandboxDefault)
        #expect(config.interface.parallelism == 4)
        #expect(config.intake.watch == .auto)
        #expect(config.intake.settle == .seconds(2))
        #expect(config.retention == RetentionPolicy(archiveDays: 30, quarantineDays: 60))
        #expect(Set(config.departments.map(\.id)) == ["sivistys", "kirjasto", "rakennusvalvonta", "vesihuolto", "ymparisto"])
        #expect(config.department("sivistys")?.profile.purposes.contains(.perusopetus) == true)
    }

    @Test func everyProblemIsListedAtOnceWithItsKeyPath() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let found = try problems("""
            inbox: ./in
            watch: sometimes
            scan_intervall: 3
            max_file_bytes: lots
            vtj:
              url: ftp://example
              parallelism: 0
              password: hunter2-secret
            retention:
              archive_days: -1
            schedule:
              changes_at: ["06:00", "25:00"]
            departments:
              kirjasto:
                purposes: [kirjasto]
                groups: [HENKILON_NIMI, KENGANKOKO]
                format: pdf
                readiness: whenever
              sivistys:
                purpose: [perusopetus]
                groups: [HENKILON_NIMI]
            """, in: folder)
        let text = found.joined(separator: "\n")
        #expect(text.contains(#"departments.kirjasto.format: "pdf" is not"#))
        #expect(text.contains(#"departments.kirjasto.groups[1]: "KENGANKOKO""#))
        #expect(text.contains(#"departments.kirjasto.readiness: "whenever" is not rename, settle or marker"#))
        #expect(text.contains(#"departments.sivistys.purpose: unknown key; did you mean "purposes"?"#))
        #expect(text.contains("departments.sivistys.purposes: no purpose given"))
        #expect(text.contains(#"scan_intervall: unknown key; did you mean "scan_interval"?"#))
        #expect(text.contains(#"watch: "sometimes" is not auto, inotify or poll"#))
        #expect(text.contains(#"max_file_bytes: "lots""#))
        #expect(text.contains(#"vtj.url: "ftp://example" is not an http(s) URL"#))
        #expect(text.contains("vtj.parallelism: 0 is outside 1…32"))
        #expect(text.contains("vtj.password: secrets are never read from the configuration file"))
        #expect(text.contains("VTJDROP_VTJ_PASSWORD_FILE"))
        #expect(text.contains("retention.archive_days: -1 is outside 0…3650"))
        #expect(text.contains(#"schedule.changes_at: "25:00" is not a time HH:MM"#))
        #expect(!text.contains("hunter2"), "a secret written in the file must not be echoed")
        #expect(found.count == 13, "\(text)")
        #expect(text.contains("(line 17)"), "problems carry the YAML line")
        let lines = found.compactMap { problem -> Int? in
            guard let range = problem.range(of: "(line ", options: .backwards) else { return nil }
            return Int(problem[range.upperBound...].dropLast())
        }
        #expect(lines.count == found.count, "every problem of this file has a line")
        #expect(lines == lines.sorted(), "problems are listed in file order")
    }

    @Test func refusalMessageNamesTheFileAndListsProblemsOnePerLine() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let file = try folder.write("bad.yaml", "watch: never\nsettle_seconds: soon\n")
        #expect {
            try ConfigurationLoader.load(overrides: .init(configFile: file), environment: [:], workingDirectory: folder.path)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("configuration \(file): 4 problems")
                && text.contains("\n  - watch: \"never\"") && text.contains("\n  - settle_seconds: \"soon\"")
                && text.contains("\n  - vtj.url: the configuration must name the interface")
        }
    }

    @Test func yamlSyntaxErrorsGiveTheLineButNotTheText() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let found = try problems("inbox: ./in\nvtj:\n  url: [unclosed\n  user_secret: \"abc123zz\n", in: folder)
        #expect(found.count == 1)
        #expect(found.first?.contains("YAML syntax error at line") == true)
        #expect(found.first?.contains("abc123zz") == false)
    }

    /// Issue 16: receipts in the department's language; published files leave after outbox_days.
    @Test func languageAndOutboxRetentionAreReadAndChecked() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let department = "departments:\n  kirjasto:\n    purposes: [kirjasto]\n    groups: [HENKILON_NIMI]\n"
        let base = "vtj:\n  sandbox: true\n"
        let chosen = try load(base + "retention:\n  outbox_days: 7\n" + department + "    language: SV\n", in: folder, env: [:])
        #expect(chosen.configuration.department("kirjasto")?.language == .swedish)
        #expect(chosen.configuration.retention.outbox.days == 7)
        let defaults = try load(base + department, in: folder, env: [:])
        #expect(defaults.configuration.department("kirjasto")?.language == .finnish)
        #expect(defaults.configuration.retention.outbox.days == 30)
        let wrong = try problems(base + "retention:\n  outbox_days: -1\n" + department + "    language: en\n", in: folder, env: [:])
        #expect(wrong.contains { $0.hasPrefix("departments.kirjasto.language") && $0.contains("\"en\" is not fi or sv") }, "\(wrong)")
        #expect(wrong.contains { $0.hasPrefix("retention.outbox_days") }, "\(wrong)")
    }

    @Test func aFileWithoutDepartmentsIsRefused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let found = try problems("inbox: ./in\nvtj:\n  sandbox: true\n", in: folder, env: [:])
        #expect(found == ["departments: no department configured; add at least one (see examples/vtjdrop.yaml)"])
    }

    @Test func relativePathsFollowTheFileAndFlagsFollowTheWorkingDirectory() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let yaml = """
            inbox: data/in
            outbox: /srv/out
            vtj:
              url: http://127.0.0.1:8080/api/v1/
            departments:
              kirjasto: {purposes: [kirjasto], groups: [HENKILON_NIMI]}
            """
        let fromFile = try load(yaml, in: folder).configuration
        #expect(fromFile.inbox == folder.path + "/data/in")
        #expect(fromFile.outbox == "/srv/out")
        #expect(fromFile.state == folder.path + "/state")
        #expect(fromFile.interface.endpoint == .remote(url: "http://127.0.0.1:8080/api/v1"))

        let flagged = try load(yaml, in: folder, overrides: .init(inbox: "flag-in", state: "/var/st",
                                                                  vtjURL: "https://vtj.example/api/v1")).configuration
        #expect(flagged.inbox == folder.path + "/cwd/flag-in")
        #expect(flagged.outbox == "/srv/out")
        #expect(flagged.state == "/var/st")
        #expect(flagged.interface.endpoint == .remote(url: "https://vtj.example/api/v1"))
    }

    @Test func theConfigFileMayComeFromTheEnvironment() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let file = try folder.write("c.yaml", "vtj: {sandbox: true}\ndepartments:\n  kirjasto: {purposes: [kirjasto], groups: [KOTIKUNTA]}\n")
        let config = try ConfigurationLoader.load(overrides: .init(), environment: ["VTJDROP_CONFIG": file],
                                                  workingDirectory: "/").configuration
        #expect(config.source == file)
        #expect(config.departments.map(\.id) == ["kirjasto"])
        #expect(config.interface.endpoint == .sandbox)
    }

    /// Issue 12, finding 2: a file without `vtj.url` once answered real drops from the sandbox's
    /// test population without a word. A file must name the interface, or choose the sandbox on purpose.
    @Test func aFileMustNameTheInterfaceOrChooseTheSandbox() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let departments = "departments:\n  kirjasto: {purposes: [kirjasto], groups: [KOTIKUNTA]}\n"
        let missing = try problems(departments, in: folder, env: [:])
        #expect(missing.count == 1 && missing[0].hasPrefix("vtj.url: the configuration must name the interface"), "\(missing)")
        let off = try problems("vtj: {sandbox: false}\n" + departments, in: folder, env: [:])
        #expect(off.count == 1 && off[0].hasPrefix("vtj.sandbox: the configuration must name the interface"), "\(off)")
        let both = try problems("vtj: {sandbox: true, url: 'https://vtj.example/api/v1'}\n" + departments, in: folder)
        #expect(both.count == 1 && both[0].contains("exclude each other"), "\(both)")

        let chosen = try load("vtj: {sandbox: true}\n" + departments, in: folder, env: [:]).configuration
        #expect(chosen.interface.endpoint == .sandbox)
        // The flag names the interface as well as the file can.
        let flagged = try load(departments, in: folder, overrides: .init(vtjURL: "https://vtj.example/api/v1")).configuration
        #expect(flagged.interface.endpoint == .remote(url: "https://vtj.example/api/v1"))
        // No configuration at all (the newcomer path) still runs on the sandbox.
        let none = try ConfigurationLoader.load(overrides: .init(), environment: [:], workingDirectory: "/srv/x").configuration
        #expect(none.interface.endpoint == .sandbox && none.isBuiltInDefault)
    }

    @Test func overlappingFoldersAndMissingTLSFilesAreReported() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let found = try problems("""
            inbox: ./shared
            outbox: ./shared
            state: ./shared/state
            vtj:
              url: https://vtj.example/api/v1
              client_cert: ./nope.pem
              x_road_client: FI/GOV
            departments:
              kirjasto: {purposes: [kirjasto], groups: [KOTIKUNTA]}
            """, in: folder)
        let text = found.joined(separator: "\n")
        #expect(text.contains("outbox: inbox and outbox overlap"))
        #expect(text.contains("state: inbox and state overlap"))
        #expect(text.contains("vtj.client_cert: \(folder.path)/nope.pem does not exist"))
        #expect(text.contains(#"vtj.x_road_client: "FI/GOV" is not"#))
    }

    @Test func tlsFilesThatExistAreAccepted() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("tls/c.pem", "cert")
        try folder.write("tls/k.pem", "key", mode: 0o604)
        let loaded = try load("""
            vtj:
              url: https://vtj.example/api/v1
              client_cert: tls/c.pem
              client_key: tls/k.pem
              connect_timeout: 2.5
              total_timeout: 1min
            departments:
              kirjasto: {purposes: [kirjasto], groups: [KOTIKUNTA]}
            """, in: folder)
        let config = loaded.configuration
        #expect(loaded.warnings.map(\.description) == ["vtj.client_key: \(folder.path)/tls/k.pem is readable by other users; run chmod 0640 on it (line 4)"])
        #expect(config.interface.clientCertificate == folder.path + "/tls/c.pem")
        #expect(config.interface.clientKey == folder.path + "/tls/k.pem")
        #expect(config.interface.connectTimeout == .milliseconds(2500))
        #expect(config.interface.totalTimeout == .seconds(60))
    }
}

@Suite struct ConfigurationDocsTests {
    @Test func docsConfigurationMdDocumentsEveryKey() throws {
        let docs = try String(contentsOfFile: repositoryRoot + "/docs/configuration.md", encoding: .utf8)
        let keys = ConfigurationDocument.knownKeyPaths
        #expect(keys.count > 25)
        for key in keys {
            // Department keys are documented relative to `departments.<id>`.
            let documented = key.hasPrefix("departments.<id>.") ? String(key.dropFirst("departments.<id>.".count)) : key
            #expect(docs.contains("| `\(documented)` |"), "docs/configuration.md lacks a row for \(key)")
        }
    }
}

extension ConfigurationLoaderTests {
    /// `columns:` (issue 16): an unknown column or preset is refused at start, naming the key
    /// with its index and the nearest valid name; a valid one gives the layout, and a department
    /// without the key its default purpose's preset.
    @Test func columnsAreValidatedAtStartWithTheNearestName() throws {
        let folder = try TempFolder()
        let found = try problems("""
            vtj:
              sandbox: true
            departments:
              koulu:
                purposes: [perusopetus]
                groups: [HENKILON_NIMI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, TURVAKIELTO]
                columns: [sukunimi, postinumro]
              kirjasto:
                purposes: [kirjasto]
                groups: [HENKILON_NIMI, KOTIKUNTA, TURVAKIELTO]
                columns: kirjastokorti
              rakennus:
                purposes: [rakennusvalvonta]
                groups: [HENKILON_NIMI, KOTIKUNTA, TURVAKIELTO]
                columns: [etunimi, huoltaja1_hetu]
            """, in: folder)
        let text = found.joined(separator: "\n")
        #expect(text.contains(#"departments.koulu.columns[1]: "postinumro" is neither a result column nor a preset; did you mean "postinumero"?"#), "\(text)")
        #expect(text.contains(#"departments.kirjasto.columns: "kirjastokorti" is neither a result column nor a preset; did you mean "kirjastokortti"?"#), "\(text)")
        #expect(text.contains(#"departments.rakennus.columns[1]: "huoltaja1_hetu" comes from HUOLTAJA, which this department does not receive"#), "\(text)")

        let loaded = try load("""
            inbox: \(folder.path)/inbox
            outbox: \(folder.path)/outbox
            state: \(folder.path)/state
            vtj:
              sandbox: true
            departments:
              koulu:
                purposes: [perusopetus]
                groups: [HENKILON_NIMI, KOTIKUNTA, TURVAKIELTO, HUOLTAJA]
                format: xlsx
                carry_columns: false
              oma:
                purposes: [vesihuolto]
                groups: [HENKILON_NIMI, KOTIKUNTA, TURVAKIELTO]
                columns: [kotikunta, sukunimi]
            """, in: folder)
        let koulu = try #require(loaded.configuration.department("koulu")?.profile)
        #expect(koulu.layout?.preset == "oppilaslista" && koulu.format == .xlsx && !koulu.carryColumns)
        #expect(koulu.layout?.columns.contains("huoltaja2_hetu") == true && koulu.layout?.columns.contains("katunimi") == false)
        let oma = try #require(loaded.configuration.department("oma")?.profile)
        #expect(oma.layout?.columns == ["hetu", "tila", "kotikunta", "sukunimi"] && oma.carryColumns)
    }
}
