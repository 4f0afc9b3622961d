import Foundation
import Synchronization
import Testing
import VTJClient
import VTJCore
import VTJSandbox

/// `basicData(hetus:groups:batches:)` (issue 15): each answer's persons reach a batch of their
/// own on the worker that reads it, and every batch is finished once, also for a cut answer.
@Suite("Client person batches")
struct PersonBatchTests {
    /// Records what each batch saw; batches are handed out to several workers at once.
    final class Ledger: Sendable {
        private let state = Mutex<(batches: Int, finished: Int, persons: [String], largest: Int)>((0, 0, [], 0))
        var batches: Int { state.withLock { $0.batches } }
        var finished: Int { state.withLock { $0.finished } }
        var persons: [String] { state.withLock { $0.persons } }
        var largest: Int { state.withLock { $0.largest } }
        func make() -> any PersonBatch {
            state.withLock { $0.batches += 1 }
            return Batch(ledger: self)
        }
        fileprivate func finish(_ held: [String]) {
            state.withLock {
                $0.finished += 1
                $0.persons += held
                $0.largest = max($0.largest, held.count)
            }
        }
    }

    final class Batch: PersonBatch {
        let ledger: Ledger
        var held: [String] = []
        var done = false
        init(ledger: Ledger) { self.ledger = ledger }
        func add(_ person: Person) throws {
            precondition(!done, "a person after finish")
            held.append(person.hetu)
        }
        func finish() throws {
            precondition(!done, "finished twice")
            done = true
            ledger.finish(held)
        }
    }

    @Test("one batch per answer, each finished once, every person exactly once")
    func batchPerAnswer() async throws {
        let configuration = SandboxConfiguration(population: 1000, seed: 3, referenceDate: SandboxFixture.day)
        try await SandboxFixture.withSandbox(configuration) { server, base in
            let asked = try server.registry.population.hetus.map { try Henkilotunnus($0) }
            let client = try SandboxFixture.client(base, maxHetusPerMessage: 100)
            let ledger = Ledger()
            let report = try await client.basicData(hetus: asked) { ledger.make() }
            #expect(report.messages == 10)
            #expect(report.returned == asked.count)
            #expect(ledger.batches == 10)
            #expect(ledger.finished == 10)
            #expect(ledger.largest == 100)
            #expect(ledger.persons.sorted() == asked.map(\.value).sorted())
        }
    }

    @Test("a batch's error ends the operation with that error")
    func batchErrorEnds() async throws {
        struct Full: Error {}
        final class Failing: PersonBatch {
            func add(_ person: Person) throws { throw Full() }
            func finish() throws {}
        }
        try await SandboxFixture.withSandbox { server, base in
            let asked = try server.registry.population.hetus.prefix(50).map { try Henkilotunnus($0) }
            let client = try SandboxFixture.client(base)
            await #expect(throws: Full.self) { try await client.basicData(hetus: asked) { Failing() } }
        }
    }
}
