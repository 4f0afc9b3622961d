import Foundation
import Logging
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// A whole appliance in a temp folder: YAML configuration, in-process sandbox, real SQLite.
final class PipelineHarness: Sendable {
    let root: String
    let host: ApplianceHost
    var appliance: Appliance { host.appliance }
    var runner: ApplianceRunner { host.runner }
    var registry: SandboxRegistry { (sandbox ?? external)!.registry }
    /// The built-in sandbox this harness started (as `vtjdrop run` does) when no `external` one is reached.
    let sandbox: SandboxServer?
    /// The sandbox reached over `vtj.url` (with credentials from the environment), when the test chose one.
    let external: SandboxServer?

    static let departmentsYAML = """
        departments:
          sivistys:
            purposes: [perusopetus, lukiokoulutus, kirjasto]
            default_purpose: perusopetus
            groups: [HENKILON_NIMI, SYNTYMAPAIVA, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, KOTIMAINEN_POSTIOSOITE,
                     VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS, TURVAKIELTO, HUOLTAJA, HUOLLETTAVA, USKONTOKUNTALAJI,
                     AVIOLIITTO]
            format: csv
            readiness: rename
          kirjasto:
            purposes: [kirjasto]
            groups: [HENKILON_NIMI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, KOTIMAINEN_POSTIOSOITE, TURVAKIELTO]
            format: xml
            readiness: rename
          vesihuolto:
            purposes: [vesihuolto]
            groups: [HENKILON_NIMI, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, KOTIMAINEN_POSTIOSOITE, TURVAKIELTO]
            format: csv
            readiness: rename
            municipality_operations: true
        """

    /// - Parameters:
    ///   - settings: top-level YAML keys replacing the test defaults (watch, scan_interval…).
    ///   - wire: `vtj.wire`, the encoding spoken to the sandbox.
    ///   - external: a sandbox the appliance reaches as a remote interface (`vtj.url`), with
    ///     `environment` as its credentials (`VTJDROP_VTJ_USER`, `VTJDROP_VTJ_PASSWORD_FILE`…);
    ///     `urlPath` replaces `/api/v1` (a wrong address answers 404).
    init(sandbox: SandboxConfiguration = SandboxConfiguration(population: 400, seed: 7, uncensored: true),
         settings: [String: String] = [:], readiness: String = "rename", wire: WireKind = .xml, clock: any WallClock = SystemWallClock(),
         retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100)),
         logger: Logger? = nil, external: SandboxServer? = nil, environment: [String: String] = [:],
         urlPath: String? = nil, monotonic: any MonotonicClock = SystemMonotonicClock(),
         departments: String = PipelineHarness.departmentsYAML,
         beforeStart: (String) throws -> Void = { _ in },
         soapProduct: String = "PERUSSANOMA 3", vtj: [String: String] = [:]) async throws {
        self.external = external
        root = try TempFolder("vtjdrop-pipeline").path
        // First, so that a file system mounted on the root (a small tmpfs) holds everything below.
        try beforeStart(root)
        // The roots exist, as an installation's must (vtjdrop creates only department folders under them).
        for folder in ["inbox", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        var interface = "sandbox: true"
        if let url = wire == .soap ? external?.soapURL : external?.baseURL {
            interface = "url: " + (urlPath.map { url.replacingOccurrences(of: "/api/v1", with: $0) } ?? url)
        }
        // The SOAP wire names its product and X-Road client (vtj-soap-kysely.md §12).
        if wire == .soap { interface += "\n  soap_product: \"\(soapProduct)\"\n  x_road_client: FI-TEST/MUN/0123456-7/vtjdrop" }
        for (key, value) in vtj.sorted(by: { $0.key < $1.key }) { interface += "\n  \(key): \(value)" }
        let yaml = """
            inbox: \(settings["inbox"] ?? root + "/inbox")
            outbox: \(root)/outbox
            state: \(root)/state
            vtj:
              \(interface)
              wire: \(wire.rawValue)
            schedule:
              changes_at: never
            \(["settle_seconds": "0.5", "scan_interval": "0.2"].merging(settings.filter { $0.key != "inbox" }) { $1 }
                .sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))
            \(departments.replacingOccurrences(of: "readiness: rename", with: "readiness: \(readiness)"))
            """
        try yaml.write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let loaded = try ConfigurationLoader.load(overrides: ConfigurationOverrides(configFile: root + "/vtjdrop.yaml"),
                                                  environment: environment)
        var quiet = Logger(label: "test")
        quiet.logLevel = .warning
        var builtIn: BuiltInInterface?
        if external == nil {
            let server = SandboxServer(configuration: sandbox)
            try await server.start()
            builtIn = BuiltInInterface(url: try #require(server.url(for: wire)), user: sandbox.user, password: sandbox.password,
                                       licensedMunicipality: sandbox.licensedMunicipality)
            self.sandbox = server
        } else {
            self.sandbox = nil
        }
        host = try await ApplianceHost.start(configuration: loaded.configuration, logger: logger ?? quiet, clock: clock,
                                             monotonic: monotonic, builtIn: builtIn, retryPolicy: retryPolicy)
    }

    func close() async {
        await host.shutdown()
        await sandbox?.shutdown()
        await external?.shutdown()
        TempFolderSweeper.removeTree(root)
    }

    /// Drops a file the way a well-behaved producer does: written aside, renamed into place.
    func drop(_ department: String, _ name: String, _ text: String) throws {
        let folder = root + "/inbox/" + department
        let temporary = folder + "/." + name + ".part"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, folder + "/" + name) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func outbox(_ department: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/" + department)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    func read(_ department: String, _ file: String) throws -> String {
        try String(contentsOfFile: root + "/outbox/" + department + "/" + file, encoding: .utf8)
    }

    /// The single file of `department`'s outbox whose name ends with `suffix`.
    func only(_ department: String, suffix: String, prefix: String = "") throws -> String {
        let matches = outbox(department).filter { $0.hasSuffix(suffix) && $0.hasPrefix(prefix) }
        guard matches.count == 1 else { throw HarnessError("expected one *\(suffix) in outbox/\(department), found \(matches)") }
        return try read(department, matches[0])
    }

    /// Every byte of every file under a folder, as text.
    func allText(under folder: String) -> String {
        var text = ""
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return "" }
        for case let file as String in walker {
            if let data = FileManager.default.contents(atPath: folder + "/" + file) { text += String(decoding: data, as: UTF8.self) }
        }
        return text
    }

    func request(_ operation: String, purpose: String? = nil, groups: [String] = [], hetus: [String] = [],
                 reference: String? = nil) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pyynto toiminto=\"\(operation)\""
        if let purpose { text += " kayttotarkoitus=\"\(purpose)\"" }
        if let reference { text += " tunniste=\"\(reference)\"" }
        text += ">"
        if !groups.isEmpty { text += "<tietoryhmat>" + groups.map { "<tietoryhma>\($0)</tietoryhma>" }.joined() + "</tietoryhmat>" }
        if !hetus.isEmpty { text += "<hetulista>" + hetus.map { "<hetu>\($0)</hetu>" }.joined() + "</hetulista>" }
        return text + "</pyynto>\n"
    }

    /// Street names and postal codes of a person's address groups (what must never leak when protected).
    func addressNeedles(_ hetu: String) -> Set<String> {
        var needles: Set<String> = []
        guard let person = registry.person(hetu: hetu) else { return [] }
        for record in person.records where GroupName.censoredUnderTurvakielto.contains(record.group) {
            for name in ["katunimi", "postiosoite", "postinumero", "asuinpaikantunnus", "rakennustunnus"] {
                if let value = record.bilingual(name) { needles.formUnion([value.fi, value.sv].compactMap { $0 }) }
            }
        }
        return needles.filter { $0.count >= 4 }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
