import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import VTJCore
import VTJSandbox

extension WireKind: ExpressibleByArgument {}

/// `vtjdrop sandbox`: the simulated interface on loopback, until SIGINT/SIGTERM.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a simulated VTJ-muutosrajapinta (XML profile and DVV's JSON) and VTJ-kyselyrajapinta (SOAP) with a synthetic test population.",
        discussion: """
            Base URL http://HOST:PORT/api/v1, Basic auth (default user kunta; password from --password-file, \
            VTJDROP_SANDBOX_PASSWORD, or the default salasana). Both wires are served under the same paths: a \
            request posted as application/json (or a GET accepting only JSON) is answered in DVV's JSON, one posted \
            as application/xml in the XML profile; --wire chooses for requests that do not say. DVV's SOAP query \
            interface (HenkilonTunnusKysely, X-Road 4.0 headers, the user name and password in the body) is served \
            at http://HOST:PORT/ for the products PERUSSANOMA 3, HUOLLETTAVA-HUOLTAJAT and HUOLTAJA-HUOLLETTAVAT. \
            Test tooling lives under /admin (faults, soap-faults, credentials, advance, events, counters, persons, \
            status). Every henkilötunnus is a test code (900–999).
            """
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "TCP port (0 = any free port).") var port = 8080
    @Option(help: "Number of synthetic persons.") var population = 3000
    @Option(help: "Seed of the population and its changes.") var seed: UInt64 = 1
    @Option(help: "Licensed municipality code for kuntarajaus.") var municipality = "091"
    @Option(help: "The population's 'today' (YYYY-MM-DD); default the current date.") var date: String?
    @Option(help: "Days of change history generated before serving.") var historyDays = 7
    @Option(help: "Advance the hidden clock one day every N seconds (default: only via /admin/advance).") var secondsPerDay: Double?
    @Flag(help: "Send real data for persons under turvakielto (no placeholders).") var uncensored = false
    @Option(help: "Wire for REST requests that do not say which they speak: xml or json (SOAP is always served at /).") var wire: WireKind = .xml
    @Option(help: "Added latency per API request, milliseconds.") var latencyMs = 0
    @Option(help: "Share of API requests answered 500 (0…1).") var errorRate = 0.0
    @Option(help: "Share of API requests answered 429 (0…1).") var rateLimit = 0.0
    @Option(help: "Share of API requests answered 503 (0…1).") var unavailableRate = 0.0
    @Option(help: "Retry-After seconds of a 429 or 503.") var retryAfter = 1
    @Option(help: "Share of 200 bodies cut mid-stream (0…1).") var truncateRate = 0.0
    @Option(help: "Share of 200 bodies that never end (0…1; blanks follow the answer until the client hangs up).") var endlessRate = 0.0
    @Option(help: "Share of API requests answered by an X-Road security server's error (0…1).") var xRoadErrorRate = 0.0
    @Option(help: "The X-Road-Error type of those answers.") var xRoadErrorType = "Server.ServerProxy.ServiceFailed"
    @Option(help: "Share of API requests answered 404 (0…1), as a wrong base URL would be.") var notFoundRate = 0.0
    @Option(help: "Share of persons answered twice with different content, the first copy without turvakielto and uncensored (0…1).") var contradictRate = 0.0
    @Option(help: "Share of persons answered without their TURVAKIELTO group, uncensored (0…1).") var dropTurvakieltoRate = 0.0
    @Option(help: "SOAP: the return code (Paluukoodi) answered instead of the person for --soap-return-code-rate of the queries.")
    var soapReturnCode = "0019"
    @Option(help: "SOAP: share of queries answered with --soap-return-code (0…1).") var soapReturnCodeRate = 0.0
    @Option(help: "SOAP: how return codes are written: document (a Paluukoodi) or pair (faultCode + faultString).")
    var soapReturnCodeForm = "document"
    @Option(help: "Persons per municipal basic-data page.") var pageSize = 500
    @Option(help: "Change entries per /muutokset page.") var changesPageSize = 200
    @Option(help: "Basic-auth user name.") var user = "kunta"
    @Option(help: "File holding the Basic-auth password (first line).") var passwordFile: String?
    @Flag(help: "Do not serve /admin.") var noAdmin = false

    func validate() throws {
        for (name, share) in [("--error-rate", errorRate), ("--rate-limit", rateLimit), ("--unavailable-rate", unavailableRate),
                             ("--truncate-rate", truncateRate), ("--endless-rate", endlessRate), ("--x-road-error-rate", xRoadErrorRate),
                             ("--not-found-rate", notFoundRate), ("--contradict-rate", contradictRate),
                             ("--drop-turvakielto-rate", dropTurvakieltoRate),
                             ("--soap-return-code-rate", soapReturnCodeRate)]
        where !(0...1).contains(share) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        if let date, CivilDate(iso: date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
        if !["document", "pair"].contains(soapReturnCodeForm) { throw ValidationError("--soap-return-code-form must be document or pair") }
        if population < 0 || pageSize < 1 || changesPageSize < 1 { throw ValidationError("--population, --page-size and --changes-page-size must be positive") }
    }

    func run() async throws {
        let server = SandboxServer(configuration: SandboxConfiguration(
            host: host, port: port, population: population, seed: seed, referenceDate: date.flatMap { CivilDate(iso: $0) },
            licensedMunicipality: municipality, user: user, password: try password(), uncensored: uncensored,
            pageSize: pageSize, changesPageSize: changesPageSize, historyDays: historyDays, secondsPerDay: secondsPerDay,
            faults: SandboxFaults(latencyMs: latencyMs, errorRate: errorRate, rateLimitRate: rateLimit, retryAfterSeconds: retryAfter, truncateRate: truncateRate,
                                   unavailableRate: unavailableRate, xRoadErrorRate: xRoadErrorRate, xRoadErrorType: xRoadErrorType,
                                   endlessRate: endlessRate, notFoundRate: notFoundRate,
                                   contradictRate: contradictRate, dropTurvakieltoRate: dropTurvakieltoRate),
            adminEnabled: !noAdmin, wire: wire,
            soapFaults: SandboxSOAPFaults(returnCode: soapReturnCode, returnCodeRate: soapReturnCodeRate, returnCodeForm: soapReturnCodeForm)))
        let bound = try await server.start()
        say("vtjdrop sandbox: serving http://\(host):\(bound)/api/v1 (\(wire == .json ? "DVV's JSON wire; XML profile" : "XML profile; DVV's JSON wire") when asked, user \(user), \(population) persons, seed \(seed), municipality \(municipality), today \(server.registry.today), log key \(server.registry.latestKey)\(uncensored ? ", UNCENSORED" : ""))")
        say("SOAP (VTJ-kyselyrajapinta): POST http://\(host):\(bound)/ — HenkilonTunnusKysely, products PERUSSANOMA 3, HUOLLETTAVA-HUOLTAJAT, HUOLTAJA-HUOLLETTAVAT")
        say("admin: http://\(host):\(bound)/admin/status — stop with Ctrl-C")
        // Serves until SIGINT/SIGTERM; the service stops the server at the graceful shutdown.
        let group = ServiceGroup(configuration: .init(
            services: [SandboxService(server: server)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "vtjdrop.sandbox")))
        try await group.run()
        say("vtjdrop sandbox: stopped")
    }

    /// Unbuffered, so scripts reading the base URL through a pipe see it at once.
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// From --password-file, else VTJDROP_SANDBOX_PASSWORD, else the default; never printed.
    private func password() throws -> String {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw ValidationError("cannot read --password-file \(passwordFile): check the path and permissions")
            }
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !line.isEmpty else { throw ValidationError("--password-file \(passwordFile) is empty") }
            return line
        }
        return ProcessInfo.processInfo.environment["VTJDROP_SANDBOX_PASSWORD"] ?? "salasana"
    }
}
