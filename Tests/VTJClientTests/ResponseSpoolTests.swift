import Foundation
import Synchronization
import Testing
import VTJClient
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Each worker overwrites one spool file for its bodies (`SpoolFile`, issue 15): a shorter answer
/// after a longer one, or a whole answer after a cut one, must be read as itself and nothing of
/// what the file held before.
@Suite("Response spool reuse")
struct ResponseSpoolTests {
    @Test("a shorter answer after a longer one on the same worker is read alone, on both wires", arguments: [WireKind.xml, .json])
    func shorterAfterLonger(wire: WireKind) async throws {
        let configuration = SandboxConfiguration(population: 300, seed: 4, referenceDate: SandboxFixture.day)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            // One message at a time: both answers land in the same worker's spool, 100 persons then 50.
            let client = try SandboxFixture.client(base, parallelism: 1, maxHetusPerMessage: 100, maxAttempts: 1, wire: wire)
            let asked = try server.registry.population.hetus.prefix(150).map { try Henkilotunnus($0) }
            let seen = Mutex<[String]>([])
            let report = try await client.basicData(hetus: asked) { person in seen.withLock { $0.append(person.hetu) } }
            #expect(report.notFound.isEmpty)
            #expect(seen.withLock { $0.count } == 150, "each person once: no stale tail read as more persons or as an error")
            #expect(Set(seen.withLock { $0 }) == Set(asked.map(\.value)))
            #expect(client.statistics.attempts == 2, "no attempt failed and was retried")
        }
    }

    @Test("after a cut body the retry's whole answer is read from the same spool")
    func wholeAfterCut() async throws {
        var configuration = SandboxConfiguration(population: 300, seed: 4, referenceDate: SandboxFixture.day)
        configuration.faults = SandboxFaults(truncateNext: 1)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let client = try SandboxFixture.client(base, parallelism: 1, maxHetusPerMessage: 100, maxAttempts: 4)
            let asked = try server.registry.population.hetus.prefix(150).map { try Henkilotunnus($0) }
            let seen = Mutex<[String]>([])
            let report = try await client.basicData(hetus: asked) { person in seen.withLock { $0.append(person.hetu) } }
            #expect(report.notFound.isEmpty)
            #expect(Set(seen.withLock { $0 }) == Set(asked.map(\.value)))
            #expect(seen.withLock { $0.count } == 150)
            #expect(client.statistics.attempts == 3, "the cut answer was fetched again")
        }
    }
}
