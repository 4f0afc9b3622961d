import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJXML
import VTJTestSupport

/// An upstream that contradicts itself (a person twice: first "no ban" with the address in clear,
/// then the truth) or leaves out TURVAKIELTO must not make the appliance deliver a protected
/// address: every such person is delivered fully censored, or without address, and counted.
/// The sandbox censors as the interface does; the only clear addresses are the fault's.
@Suite(.serialized) struct AnswerFaultLeakTests {
    static let sandbox = SandboxConfiguration(population: 800, seed: 23, uncensored: false)

    /// Both result formats, over both wires (the rule is the core's, which every wire's persons pass).
    static let variants: [(format: String, wire: WireKind)] = [("csv", .xml), ("xml", .xml), ("csv", .json), ("xml", .json)]

    @Test(arguments: 0..<variants.count)
    func contradictingCopiesAreWithdrawnAndCensored(variant: Int) async throws {
        let (format, wire) = Self.variants[variant]
        let capture = LogCapture()
        let harness = try await PipelineHarness(sandbox: Self.sandbox, wire: wire, logger: capture.logger())
        defer { Task { await harness.close() } }
        let registry = harness.registry
        let protected = registry.hetus(where: [.turvakielto])
        let ordinary = registry.hetus(where: [.resident], excluding: [.turvakielto], limit: 40)
        #expect(protected.count >= 4)
        let needles = Set(protected.flatMap { harness.addressNeedles($0) })
        #expect(needles.count >= 8)

        // Every person of every answer comes twice: the forged copy first.
        harness.sandbox!.updateFaults { $0.contradictRate = 1 }
        let asked = protected + ordinary
        let department = format == "csv" ? "sivistys" : "kirjasto"
        let body = format == "csv" ? asked.joined(separator: "\n")
            : harness.request("perustiedot", purpose: "kirjasto", hetus: asked)
        try harness.drop(department, "lista." + (format == "csv" ? "txt" : "xml"), body)
        #expect(await harness.runner.runOnce().published == 1)
        #expect(harness.sandbox!.counters.faults["contradict", default: 0] == asked.count)

        let outbox = harness.allText(under: harness.root + "/outbox")
        LeakCheckTests.expectNoLeak(of: needles, in: [("outbox", outbox), ("log lines", capture.all.joined(separator: "\n"))])
        let receipt = try harness.only(department, suffix: ".kuitti.txt")
        #expect(receipt.contains("ristiriitaiset: \(asked.count)\r\n"))
        #expect(receipt.contains("loytyi: \(asked.count)\r\n"), "each person is still found once")
        #expect(receipt.contains("turvakielto: \(asked.count)\r\n"))
        #expect(receipt.contains("pidatetty[ristiriitainen-vastaus]: "))
        let result = try harness.only(department, suffix: "." + format)
        // One row or element per person, every one fully withheld: no name, no address.
        for hetu in asked {
            #expect(result.components(separatedBy: hetu).count - 1 == 1, "\(Henkilotunnus.mask(hetu)) must appear exactly once")
        }
        let names = asked.compactMap { registry.person(hetu: $0)?.record(.henkilonNimi)?.text("sukunimi") }
        #expect(!names.isEmpty)
        #expect(!names.contains { result.contains(";" + $0 + ";") || result.contains(">" + $0 + "<") },
                "a contradicted person's name was delivered")
        if format == "xml" {
            // Still well-formed after the withdrawn elements were cut out, one element per person.
            let reader = try XMLStreamReader(bytes: Array(result.utf8), documentName: "result")
            var persons = 0
            while let node = try reader.next() { if case .start("henkilo", _, _) = node { persons += 1 } }
            #expect(persons == asked.count)
        }
        // Logged, masked: the first 20 one by one, then the total; never a full hetu.
        let logged = capture.all.filter { $0.contains("answered a person twice with different content") }
        #expect(logged.count == min(asked.count, DropProcessor.contradictionsLogged))
        if asked.count > DropProcessor.contradictionsLogged {
            #expect(capture.all.contains { $0.contains("contradictions=\(asked.count)") })
        }
        #expect(!capture.all.contains { line in asked.contains { line.contains($0) } })

        // Positive control: without the fault, ordinary addresses do come through the same search.
        harness.sandbox!.updateFaults { $0.contradictRate = 0 }
        try harness.drop(department, "toinen." + (format == "csv" ? "txt" : "xml"), body)
        #expect(await harness.runner.runOnce().published == 1)
        let again = harness.allText(under: harness.root + "/outbox")
        #expect(ordinary.flatMap { harness.addressNeedles($0) }.contains { again.contains($0) })
        LeakCheckTests.expectNoLeak(of: needles, in: [("outbox after the control drop", again)])
    }

    @Test(arguments: [WireKind.xml, .json])
    func anAnswerWithoutTurvakieltoIsTreatedAsProtected(wire: WireKind) async throws {
        let harness = try await PipelineHarness(sandbox: Self.sandbox, wire: wire)
        defer { Task { await harness.close() } }
        let registry = harness.registry
        let protected = registry.hetus(where: [.turvakielto])
        let ordinary = registry.hetus(where: [.resident], excluding: [.turvakielto], limit: 20)
        let needles = Set(protected.flatMap { harness.addressNeedles($0) })
        harness.sandbox!.updateFaults { $0.dropTurvakieltoRate = 1 }
        try harness.drop("sivistys", "lista.txt", (protected + ordinary).joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        let outbox = harness.allText(under: harness.root + "/outbox")
        LeakCheckTests.expectNoLeak(of: needles, in: [("outbox", outbox)])
        // Not only protected persons: nobody's address goes out without an explicit "no ban".
        LeakCheckTests.expectNoLeak(of: Set(ordinary.flatMap { harness.addressNeedles($0) }), in: [("outbox", outbox)])
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        let count = protected.count + ordinary.count
        #expect(receipt.contains("turvakielto-puuttui: \(count)\r\n"))
        #expect(receipt.contains("turvakielto: \(count)\r\n"))
        #expect(receipt.contains("pidatetty[turvakielto-tuntematon]: "))
    }
}
