import Foundation
import Logging
import Testing
import VTJClient
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The client's log lines name the caller's drop (a gap found while writing scripts/fault-test:
/// "VTJ call failed, retrying" said neither department nor file).
@Suite("Client log context")
struct ClientLogContextTests {
    @Test("retry and failure lines carry the caller's department, file and request, also from parallel messages")
    func linesCarryTheCallersContext() async throws {
        try await Self.withClient(faults: SandboxFaults(errorNext: 2)) { server, client, logs, asked in
            let context: [String: Logger.MetadataValue] = ["department": "sivistys", "file": "lista.txt", "request": "R-1"]
            _ = try await VTJLogContext.$metadata.withValue(context) {
                try await client.basicData(hetus: asked) { _ in }
            }
            let retries = logs.all.filter { $0.contains("VTJ call failed, retrying") }
            #expect(retries.count == 2, "both messages met one 500 each")
            #expect(retries.allSatisfy { $0.contains("department=sivistys") && $0.contains("file=lista.txt") && $0.contains("request=R-1") })
            #expect(logs.all.contains { $0.contains("VTJ perustiedot") && $0.contains("department=sivistys") })

            // Outside the context nothing is added.
            server.setFaults(SandboxFaults(errorNext: 1))
            let before = logs.all.count
            _ = try await client.logKey(on: SandboxFixture.day)
            let later = logs.all.dropFirst(before)
            #expect(later.contains { $0.contains("retrying") })
            #expect(!later.contains { $0.contains("department=") })
        }
    }

    @Test("a message's debug line says where its time went: queued, connecting, the interface's first byte, the body, the parse")
    func callDoneLineCarriesPhases() async throws {
        // The interface takes at least this long before its first byte: that time is the interface's, not the parse's.
        try await Self.withClient(faults: SandboxFaults(latencyMs: 150)) { _, client, logs, asked in
            _ = try await client.basicData(hetus: asked) { _ in }
            let done = logs.all.filter { $0.contains("VTJ call done") && $0.contains("vtj.operation=perustiedot") }
            #expect(done.count == 2, "two messages of 100")
            for line in done {
                var phases: [String: Int] = [:]
                for field in line.split(separator: " ") where field.hasPrefix("vtj.") && field.contains("-ms=") {
                    let parts = field.dropFirst("vtj.".count).split(separator: "=")
                    phases[String(parts[0].dropLast("-ms".count))] = Int(parts[1])
                }
                #expect(Set(phases.keys) == ["queued", "connect", "first-byte", "body", "parse", "resume"], "every phase is named: \(line)")
                #expect(phases.values.allSatisfy { $0 >= 0 }, "in whole milliseconds: \(line)")
                #expect(phases["connect", default: 0] <= phases["first-byte", default: 0], "connecting is part of the first byte's wait: \(line)")
                #expect(line.contains(" vtj.new-connections=0 ") || line.contains(" vtj.new-connections=1 "), "one connection per worker at most: \(line)")
                #expect(phases["first-byte", default: 0] >= 150, "the interface's latency is its first byte, not the parse: \(line)")
            }
        }
    }

    /// A client of two workers and 100-hetu messages on a sandbox of 300 with `faults`, its log
    /// captured, and 200 of the population's henkilötunnus to ask for.
    private static func withClient(
        faults: SandboxFaults,
        _ body: (SandboxServer, VTJInterfaceClient, LogCapture, [Henkilotunnus]) async throws -> Void
    ) async throws {
        var configuration = SandboxConfiguration(population: 300, seed: 2, referenceDate: SandboxFixture.day)
        configuration.faults = faults
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let logs = LogCapture()
            var settings = ClientTestData.configuration(base, parallelism: 2, maxHetusPerMessage: 100)
            settings.credentials = BasicCredentials(user: "kunta", password: "salasana")
            let client = try VTJInterfaceClient(configuration: settings, logger: logs.logger())
            let asked = try server.registry.population.hetus.prefix(200).map { try Henkilotunnus($0) }
            try await body(server, client, logs, asked)
        }
    }
}
