import Foundation
import Logging
import VTJCore

/// Turns a document (file + flags) and the environment into a ``DropConfiguration``, or lists every problem.
struct ConfigurationValidator {
    let document: ConfigurationDocument
    let environment: [String: String]
    let workingDirectory: String
    let needsInterface: Bool
    var problems: [ConfigurationProblem]
    var warnings: [ConfigurationProblem] = []

    init(document: ConfigurationDocument, environment: [String: String], workingDirectory: String,
         needsInterface: Bool = true) {
        self.needsInterface = needsInterface
        self.document = document
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.problems = document.problems
    }

    mutating func validate() -> (configuration: DropConfiguration?, problems: [ConfigurationProblem], warnings: [ConfigurationProblem]) {
        let inbox = path("inbox", default: "./inbox")
        let outbox = path("outbox", default: "./outbox")
        let state = path("state", default: "./state")
        checkFoldersAreSeparate(["inbox": inbox, "outbox": outbox, "state": state])

        let interface = interfaceSettings()
        var credentialProblems: [ConfigurationProblem] = []
        let credentials = InterfaceCredentials.fromEnvironment(
            environment, required: interface.endpoint != .sandbox, problems: &credentialProblems, warnings: &warnings)
        if needsInterface { problems += credentialProblems }

        let intake = IntakeSettings(
            watch: choice("watch", default: .auto),
            scanInterval: seconds("scan_interval", default: 5, range: 0.1...3600),
            settle: seconds("settle_seconds", default: 2, range: 0...3600),
            hardLinkWait: seconds("hard_link_wait_seconds", default: 600, range: 0...86_400),
            maxFileBytes: byteCount("max_file_bytes", default: 64 << 20))
        let retention = RetentionPolicy(
            archiveDays: integer("retention.archive_days", default: 30, range: 0...3650),
            quarantineDays: integer("retention.quarantine_days", default: 60, range: 0...3650),
            outboxDays: integer("retention.outbox_days", default: 30, range: 0...3650))
        let schedule = changeSchedule()
        let logLevel: Logger.Level = choice("log_level", default: .info)
        let departments = self.departments()
        checkMunicipalityCodes(interface, departments: departments)

        let status = statusSettings()

        var configuration = DropConfiguration(
            source: document.origin ?? "built-in defaults", isBuiltInDefault: !document.isFromFile,
            inbox: inbox, outbox: outbox, state: state, interface: interface,
            credentials: credentials ?? .sandboxDefault, intake: intake, retention: retention,
            changeSchedule: schedule, logLevel: logLevel, departments: departments)
        configuration.status = status
        configuration.duplicateWindow = duplicateWindow(archiveDays: retention.archiveDays)
        return (problems.isEmpty && (credentials != nil || !needsInterface) ? configuration : nil, problems, warnings)
    }

    // MARK: - Sections

    private mutating func interfaceSettings() -> InterfaceSettings {
        var endpoint = InterfaceSettings.Endpoint.sandbox
        let urlGiven = document.value("vtj.url").flatMap { scalar("vtj.url", $0) }
        if let value = document.value("vtj.url"), let text = urlGiven {
            if let url = checkedURL(text, value: value) { endpoint = .remote(url: url) }
        }
        // A file must say which interface answers: a forgotten url line once answered real drops
        // from the built-in test population without a word.
        let sandboxChosen = document.value("vtj.sandbox") == nil ? nil : bool("vtj.sandbox", default: false)
        if urlGiven != nil, sandboxChosen == true {
            problem("vtj.sandbox", "vtj.url and vtj.sandbox: true exclude each other; keep vtj.url for the population register, or remove it to use the built-in sandbox (test data)")
        } else if urlGiven == nil, sandboxChosen != true, document.isFromFile {
            problem(sandboxChosen == false ? "vtj.sandbox" : "vtj.url",
                    "the configuration must name the interface: set vtj.url (e.g. https://<security-server>/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1), or vtj.sandbox: true to answer from the built-in sandbox's test data on purpose")
        }
        let xRoad = string("vtj.x_road_client")
        if let xRoad, !Self.isXRoadClient(xRoad) {
            problem("vtj.x_road_client", "\"\(xRoad)\" is not INSTANCE/CLASS/MEMBER-CODE/SUBSYSTEM (e.g. FI/GOV/0123456-7/vtjdrop)")
        }
        let certificate = existingFile("vtj.client_cert")
        let key = existingFile("vtj.client_key")
        // Only for a permissions warning: reading the key is checked (and reported) on its own.
        if let key, let attributes = try? FileManager.default.attributesOfItem(atPath: key),
           let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o007 != 0 {
            warnings.append(.init(keyPath: "vtj.client_key", message: "\(key) is readable by other users; run chmod 0640 on it",
                                  line: document.value("vtj.client_key")?.line))
        }
        let bundle = existingFile("vtj.ca_bundle")
        if (certificate == nil) != (key == nil), problems.allSatisfy({ !$0.key.hasPrefix("vtj.client_") }) {
            problem(certificate == nil ? "vtj.client_cert" : "vtj.client_key", "client_cert and client_key go together; set both or neither")
        }
        if case .sandbox = endpoint, certificate != nil || bundle != nil {
            problem("vtj.url", "client_cert / ca_bundle are set but vtj.url is not; set the interface's https URL")
        } else if case .remote(let url) = endpoint, !url.lowercased().hasPrefix("https:"), certificate != nil || bundle != nil {
            problem("vtj.url", "client_cert / ca_bundle need an https URL")
        }
        let connect = seconds("vtj.connect_timeout", default: 10, range: 0.1...600)
        let total = seconds("vtj.total_timeout", default: 120, range: 1...3600)
        if total < connect { problem("vtj.total_timeout", "is shorter than vtj.connect_timeout") }
        var settings = InterfaceSettings(
            endpoint: endpoint, xRoadClient: xRoad, clientCertificate: certificate, clientKey: key,
            caBundle: bundle, connectTimeout: connect, totalTimeout: total,
            parallelism: integer("vtj.parallelism", default: 4, range: 1...32))
        settings.wire = choice("vtj.wire", default: .xml)
        soapSettings(&settings)
        settings.municipalityCodes = municipalityCodes()
        let cap = byteCount("vtj.max_response_bytes", default: 128 << 20)
        if cap < 1 << 20 || cap > 16 << 30 {
            problem("vtj.max_response_bytes", "\(cap) bytes is outside 1M…16G; a page of 1000 persons with every group is a few MB")
        } else {
            settings.maxResponseBytes = cap
        }
        return settings
    }

    /// `vtj.soap_product` and `vtj.x_road_service` (the SOAP wire only), and the X-Road client the
    /// SOAP wire cannot do without. The endpoint is used exactly as written (no slash dropped).
    private mutating func soapSettings(_ settings: inout InterfaceSettings) {
        let product = string("vtj.soap_product")
        let service = string("vtj.x_road_service")
        guard settings.wire == .soap else {
            for (key, value) in [("vtj.soap_product", product), ("vtj.x_road_service", service)] where value != nil {
                problem(key, "is only for vtj.wire: soap (DVV's SOAP query interface); remove it, or set vtj.wire: soap")
            }
            return
        }
        if case .remote = settings.endpoint, let text = document.value("vtj.url").flatMap({ scalar("vtj.url", $0) }) {
            settings.endpoint = .remote(url: text)
        }
        if let product {
            if product.count > 100 || product.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) {
                problem("vtj.soap_product", "\"\(product.prefix(40))\" is not a product name like \"PERUSSANOMA 3\"")
            } else {
                settings.soapProduct = product
            }
        } else {
            problem("vtj.soap_product", "required with vtj.wire: soap: the product DVV licensed (SoSoNimi), e.g. \"PERUSSANOMA 3\"",
                    line: document.value("vtj.wire")?.line)
        }
        if settings.xRoadClient == nil, problems.allSatisfy({ $0.key != "vtj.x_road_client" }) {
            problem("vtj.x_road_client", "required with vtj.wire: soap: the X-Road client subsystem INSTANCE/CLASS/MEMBER-CODE/SUBSYSTEM "
                    + "(e.g. FI/MUN/0123456-7/vtjdrop); the SOAP message cannot be sent without it", line: document.value("vtj.wire")?.line)
        }
        if let service {
            if let parsed = XRoadServiceID(path: service) {
                settings.xRoadService = parsed
            } else {
                problem("vtj.x_road_service", "\"\(service.prefix(80))\" is not INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/VERSION "
                        + "(e.g. FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1)")
            }
        }
    }

    /// `vtj.municipality_codes`: three-digit codes, each once.
    private mutating func municipalityCodes() -> [String] {
        guard let value = document.value("vtj.municipality_codes") else { return [] }
        var codes: [String] = []
        for item in value.list.map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard item.count == 3, item.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                problem("vtj.municipality_codes", "\"\(item.prefix(20))\" is not a three-digit municipality code like \"091\" (quote it in YAML so the leading zero stays)")
                continue
            }
            if !codes.contains(item) { codes.append(item) }
        }
        return codes
    }

    /// DVV's JSON has no "every licensed municipality" (the XML profile's empty `<kuntarajaus/>`):
    /// municipal operations there name their codes, so they must be configured.
    private mutating func checkMunicipalityCodes(_ interface: InterfaceSettings, departments: [DepartmentSettings]) {
        guard interface.wire == .json, interface.municipalityCodes.isEmpty, case .remote = interface.endpoint,
              let department = departments.first(where: { $0.profile.municipalityWide })
        else { return }
        problem("vtj.municipality_codes", "required with vtj.wire: json, because department \(department.id) has "
            + "municipality_operations: true; list the licensed codes, e.g. [\"091\"]", line: document.value("vtj.wire")?.line)
    }

    private mutating func checkedURL(_ text: String, value: ConfigurationValue) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else {
            problem("vtj.url", "\"\(text)\" is not an http(s) URL like https://server/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1", line: value.line)
            return nil
        }
        if url.user != nil || url.password != nil {
            problem("vtj.url", "must not carry a user or password; set \(InterfaceCredentials.userVariable) and \(InterfaceCredentials.passwordFileVariable)", line: value.line)
            return nil
        }
        if scheme == "http", !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            warnings.append(.init(keyPath: "vtj.url", message: "plain http to \(host) sends the credentials unencrypted; use https", line: value.line))
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    private mutating func changeSchedule() -> DailySchedule {
        guard let value = document.value("schedule.changes_at") else {
            return DailySchedule(times: [LocalTime(hour: 6, minute: 0)!])
        }
        var times: [LocalTime] = []
        for item in value.list {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased() == "never" { continue }
            if let time = LocalTime(trimmed) { times.append(time) } else {
                problem("schedule.changes_at", "\"\(item)\" is not a time HH:MM (Finnish time, 24-hour clock), or \"never\"", line: value.line)
            }
        }
        return DailySchedule(times: times)
    }

    // MARK: - Helpers

    mutating func problem(_ keyPath: String, _ message: String, line: Int? = nil) {
        problems.append(.init(keyPath: keyPath, message: message, line: line ?? document.value(keyPath)?.line))
    }

    private mutating func checkFoldersAreSeparate(_ folders: [String: String]) {
        let names = folders.keys.sorted()
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] {
                guard let pa = folders[a], let pb = folders[b] else { continue }
                if pa == pb || pa.hasPrefix(pb + "/") || pb.hasPrefix(pa + "/") {
                    problem(b, "\(a) and \(b) overlap (\(pa), \(pb)); give each its own folder")
                }
            }
        }
    }

    static func isXRoadClient(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } }
    }
}
