import ArgumentParser
import Foundation
import VTJClient
import VTJCore
import VTJDrop
import VTJSandbox

/// `vtjdrop check`: the operator's connection check against the configured interface.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the connection to the configured interface with one harmless call, and say what is wrong.",
        discussion: """
            Reads the same configuration and credentials as `vtjdrop run`, asks the interface for today's \
            log key (kirjausavain) once (on vtj.wire: soap, which has no log keys, a query for the fixed test \
            henkilötunnus 010101A999X), and reports the wire, the URL, name lookup, TCP, TLS (certificate \
            problems named), X-Road, authentication, the answer and the round-trip time. Nothing is \
            claimed, stored or logged. Exit 0 only when the interface answered correctly, 1 when it did \
            not, 2 when the configuration itself is wrong. With vtj.sandbox: true (or no configuration) the built-in \
            sandbox is checked.
            """
    )

    @OptionGroup var locations: LocationOptions

    func run() async throws {
        let configuration = try locations.load()
        let sandbox = try await BuiltInSandbox.start(for: configuration)
        var baseURL = sandbox?.interface.url ?? ""
        if case .remote(let url) = configuration.interface.endpoint { baseURL = url }
        let credentials = sandbox?.interface.credentials ?? configuration.credentials
        let codes = sandbox.map { [$0.interface.licensedMunicipality] }
        let client: VTJInterfaceClient
        do {
            client = try VTJInterfaceClient(configuration: configuration.clientConfiguration(
                baseURL: baseURL, credentials: credentials, temporaryDirectory: NSTemporaryDirectory(), municipalityCodes: codes))
        } catch {
            printError("vtjdrop check: \(error)")
            await sandbox?.server.shutdown()
            throw ExitCode(2)
        }
        let today = FinnishTime.system.localDate(at: SystemWallClock().instant())
        let report = await client.checkConnection(on: today)
        // Its workers ended before `exit()` runs OpenSSL's cleanup (VTJInterfaceClient.shutdown()).
        client.shutdown()
        await sandbox?.server.shutdown()
        print(CheckReportText.render(report, source: configuration.source, sandbox: sandbox != nil, user: credentials.user))
        if !report.diagnosis.isHealthy { throw ExitCode(1) }
    }
}

/// The check's plain report, one phase a line.
enum CheckReportText {
    static func render(_ report: ConnectionReport, source: String, sandbox: Bool, user: String) -> String {
        let timing = report.timing
        func ms(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }
        func line(_ label: String, _ text: String) -> String {
            label.padding(toLength: 16, withPad: " ", startingAt: 0) + text
        }
        func phase(_ phase: ConnectionPhase, ok: String) -> String {
            switch report.outcome(of: phase) {
            case true?: "ok" + (ok.isEmpty ? "" : (ok.hasPrefix("(") ? " " : ", ") + ok)
            case false?: "FAILED: " + report.diagnosis.advice
            case nil: "not reached"
            }
        }
        var lines = ["vtjdrop check — configuration \(source)" + (sandbox ? " (the built-in sandbox: test data)" : "")]
        let wires: [WireKind: String] = [.json: "json (DVV's REST + JSON)", .xml: "xml (the XML profile)",
                                         .soap: "soap (DVV's SOAP query interface, VTJ-kyselyrajapinta)"]
        lines.append(line("wire:", wires[report.wire] ?? report.wire.rawValue))
        lines.append(line("URL:", report.url))
        lines.append(line("X-Road client:", report.xRoadClient ?? "none (vtj.x_road_client not set)"))
        lines.append(line("user:", user))
        lines.append(line("name lookup:", phase(.nameLookup, ok: (timing.remoteAddress.map { "\($0) " } ?? "") + "(\(ms(timing.nameLookup)))")))
        lines.append(line("TCP connect:", phase(.connect, ok: ms(timing.connect))))
        lines.append(line("TLS:", report.usesTLS ? phase(.tls, ok: "certificate verified (\(ms(timing.tlsHandshake)))") : "not used (plain http)"))
        let xRoad = report.outcome(of: .xRoad) == true && report.xRoadClient == nil ? "no security server error" : ""
        lines.append(line("X-Road:", phase(.xRoad, ok: xRoad)))
        lines.append(line("authentication:", phase(.authentication, ok: report.status.map { "HTTP \($0)" } ?? "")))
        lines.append(line("answer:", phase(.answer, ok: report.diagnosis.advice)))
        lines.append(line("round trip:", timing.total > 0 ? ms(timing.total) : "-"))
        lines.append(line("result:", report.diagnosis.isHealthy ? "OK" : "FAILED — " + report.diagnosis.advice))
        return lines.joined(separator: "\n")
    }
}
