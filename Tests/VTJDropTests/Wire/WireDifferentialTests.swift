import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The same population, the same drops, once over the XML profile and once over DVV's JSON wire:
/// every result and receipt must be byte for byte the same (request ids aside), because a JSON
/// answer becomes the same `Person`/`Change` values and everything after is the same code.
@Suite(.serialized) struct WireDifferentialTests {
    /// Request ids (`20261206T211024Z-wjc7hq68v9`) and the receipt's processing time
    /// (`kasitelty: 2026-12-06T23:10:24+02:00`) are made per run; everything else must match.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{8}T\d{6}Z-[0-9a-z]{10}"#, with: "<pyynto>", options: .regularExpression)
            .replacingOccurrences(of: #"kasitelty: [0-9T:+-]+"#, with: "kasitelty: <aika>", options: .regularExpression)
    }

    /// Every outbox file of every department, by normalised path.
    static func outbox(of harness: PipelineHarness) -> [String: String] {
        var files: [String: String] = [:]
        for department in ["sivistys", "kirjasto", "vesihuolto"] {
            for name in harness.outbox(department) {
                files[normalised(department + "/" + name)] = normalised((try? harness.read(department, name)) ?? "<unreadable>")
            }
        }
        return files
    }

    /// Two rounds of every kind of drop: basic data by list and by request, following, the
    /// municipal snapshot in both formats, then change deliveries by register and for the municipality.
    static func run(wire: WireKind, uncensored: Bool) async throws -> [String: String] {
        let harness = try await PipelineHarness(
            sandbox: SandboxConfiguration(population: 600, seed: 11, uncensored: uncensored, pageSize: 90, changesPageSize: 25),
            wire: wire)
        defer { Task { await harness.close() } }
        let registry = harness.registry
        let protected = registry.hetus(where: [.turvakielto], limit: 12)
        let minors = registry.hetus(where: [.minorWithTwoGuardians], excluding: [.turvakielto], limit: 20)
        let adults = registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 40)
        let asked = protected + minors + adults + ["010594Y9032"]
        try harness.drop("sivistys", "luokka.txt", asked.joined(separator: "\r\n") + "\r\n")
        try harness.drop("sivistys", "pyynto.xml", harness.request("perustiedot", purpose: "perusopetus",
                                                                   groups: ["HENKILON_NIMI", "HUOLTAJA", "USKONTOKUNTALAJI"], hetus: minors))
        try harness.drop("kirjasto", "asiakkaat.xml", harness.request("perustiedot", purpose: "kirjasto", hetus: protected + adults))
        try harness.drop("vesihuolto", "seuranta.xml", harness.request("seuranta-lisaa", hetus: protected + adults))
        try harness.drop("vesihuolto", "kunta.xml", harness.request("kunta-perustiedot"))
        try harness.drop("vesihuolto", "kunta-xml.xml", LeakCheckTests.asXML(harness.request("kunta-perustiedot")))
        #expect(await harness.runner.runOnce().published == 6)

        _ = registry.advance(days: 2)
        for hetu in adults.prefix(3) { _ = registry.apply(.moveWithin, hetu: hetu) }
        _ = registry.apply(.turvakieltoStart, hetu: adults[5])
        _ = registry.apply(.moveWithin, hetu: adults[5])
        try harness.drop("vesihuolto", "muutokset.xml", harness.request("muutokset"))
        try harness.drop("vesihuolto", "kunta-muutokset.xml", LeakCheckTests.asXML(harness.request("kunta-muutokset")))
        #expect(await harness.runner.runOnce().published == 2)
        return outbox(of: harness)
    }

    @Test(arguments: [true, false])
    func xmlAndJSONGiveIdenticalResultsAndReceipts(uncensored: Bool) async throws {
        let xml = try await Self.run(wire: .xml, uncensored: uncensored)
        let json = try await Self.run(wire: .json, uncensored: uncensored)
        #expect(xml.count == 16, "8 drops, each a result and a receipt: \(xml.keys.sorted())")
        #expect(Set(json.keys) == Set(xml.keys))
        for (name, text) in xml.sorted(by: { $0.key < $1.key }) {
            #expect(json[name] == text, "\(name) differs between the wires")
        }
        // The comparison means something: the results carry data, changes and protected persons.
        let all = xml.values.joined()
        #expect(all.contains("turvakielto") && all.contains("muutokset") && all.contains("loytyi"))
    }
}
