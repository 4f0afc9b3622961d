import Foundation
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

@Suite struct CredentialsTests {
    let remoteYAML = """
        vtj:
          url: https://vtj.example/api/v1
        departments:
          kirjasto: {purposes: [kirjasto], groups: [KOTIKUNTA]}
        """

    func load(_ env: [String: String], folder: TempFolder) throws -> ConfigurationLoader.Loaded {
        let file = try folder.write("c.yaml", remoteYAML)
        return try ConfigurationLoader.load(overrides: .init(configFile: file), environment: env, workingDirectory: folder.path)
    }

    func problems(_ env: [String: String], folder: TempFolder) -> [String] {
        do {
            _ = try load(env, folder: folder)
            return []
        } catch let error as ConfigurationError {
            return error.problems.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("s3cr3t-value")
        let credentials = InterfaceCredentials(user: "kunta", password: secret)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(secret)", String(reflecting: secret), "\(credentials)", String(reflecting: credentials), dumped,
                     "\([secret])", "\(Optional(secret) as Any)"] {
            #expect(!text.contains("s3cr3t"), "\(text)")
        }
        #expect("\(secret)" == "***")
        #expect(secret.exposedForUse() == "s3cr3t-value")
    }

    @Test func aRemoteInterfaceNeedsUserAndPassword() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let found = problems([:], folder: folder)
        #expect(found.count == 2)
        #expect(found.contains { $0.hasPrefix("env.VTJDROP_VTJ_USER: is not set") })
        #expect(found.contains { $0.hasPrefix("env.VTJDROP_VTJ_PASSWORD: is not set") })
    }

    @Test func passwordFileIsReadAndItsNewlineDropped() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let file = try folder.write("pw", "correct horse\n", mode: 0o600)
        let loaded = try load(["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD_FILE": file], folder: folder)
        #expect(loaded.configuration.credentials.password.exposedForUse() == "correct horse")
        #expect(loaded.warnings.isEmpty)
    }

    @Test func aWorldReadablePasswordFileIsWarnedAbout() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let file = try folder.write("pw", "pw-xyz", mode: 0o644)
        let loaded = try load(["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD_FILE": file], folder: folder)
        #expect(loaded.warnings.map(\.description) == ["env.VTJDROP_VTJ_PASSWORD_FILE: the password file \(file) is readable by other users; run chmod 0600 (or 0640) on it"])
    }

    @Test func conflictingOrBrokenPasswordSourcesAreProblemsThatNeverShowTheValue() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let empty = try folder.write("empty", "\n", mode: 0o600)
        let both = problems(["VTJDROP_VTJ_USER": "k", "VTJDROP_VTJ_PASSWORD": "inline-pw-77",
                             "VTJDROP_VTJ_PASSWORD_FILE": empty], folder: folder)
        #expect(both == ["env.VTJDROP_VTJ_PASSWORD: both VTJDROP_VTJ_PASSWORD and VTJDROP_VTJ_PASSWORD_FILE are set; unset one of them"])
        let missing = problems(["VTJDROP_VTJ_USER": "k", "VTJDROP_VTJ_PASSWORD_FILE": folder.path + "/none"], folder: folder)
        #expect(missing.count == 1)
        #expect(missing.first?.contains("cannot read the password file") == true)
        let blank = problems(["VTJDROP_VTJ_USER": "k", "VTJDROP_VTJ_PASSWORD_FILE": empty], folder: folder)
        #expect(blank == ["env.VTJDROP_VTJ_PASSWORD_FILE: the password file \(empty) is empty"])
    }

    @Test func sandboxModeFallsBackToTheSandboxCredentialsButHonoursTheEnvironment() throws {
        let defaults = try ConfigurationLoader.load(overrides: .init(), environment: [:], workingDirectory: "/")
        #expect(defaults.configuration.credentials == .sandboxDefault)
        let own = try ConfigurationLoader.load(overrides: .init(), environment: ["VTJDROP_VTJ_USER": "u", "VTJDROP_VTJ_PASSWORD": "p"],
                                               workingDirectory: "/")
        #expect(own.configuration.credentials.user == "u")
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(overrides: .init(), environment: ["VTJDROP_VTJ_PASSWORD": "p"], workingDirectory: "/")
        }
    }

    @Test func aUserKeyOrAURLWithCredentialsInTheFileIsRefused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let file = try folder.write("c.yaml", """
            vtj:
              url: https://kunta:pw-in-url-5@vtj.example/api/v1
              user: kunta
            departments:
              kirjasto: {purposes: [kirjasto], groups: [KOTIKUNTA]}
            """)
        #expect {
            try ConfigurationLoader.load(overrides: .init(configFile: file), environment: [:], workingDirectory: "/")
        } throws: { error in
            let text = "\(error)"
            return text.contains("vtj.user: credentials are never read from the configuration file; delete this key and set VTJDROP_VTJ_USER")
                && text.contains("vtj.url: must not carry a user or password") && !text.contains("pw-in-url-5")
        }
    }
}

@Suite struct ConfigurationSummaryTests {
    @Test func theStartupSummaryNamesTheUserButNeverThePassword() throws {
        let loaded = try ConfigurationLoader.load(
            overrides: .init(vtjURL: "https://vtj.example/api/v1"),
            environment: ["VTJDROP_VTJ_USER": "kunta-7", "VTJDROP_VTJ_PASSWORD": "pw-summary-42"], workingDirectory: "/srv")
        let text = loaded.configuration.summary.joined(separator: "\n")
        #expect(text.contains("interface: https://vtj.example/api/v1 (xml wire) as kunta-7:***"))
        #expect(text.contains("department sivistys: purposes perusopetus,"))
        #expect(text.contains("change fetches: 06:00 Finnish time"))
        #expect(!text.contains("pw-summary-42"))
    }
}
