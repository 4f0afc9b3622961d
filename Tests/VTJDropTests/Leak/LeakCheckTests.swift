import Foundation
import Logging
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJTestSupport

/// The worst bug this appliance can have is a protected person's address leaving it. With the
/// sandbox sending those addresses uncensored (as if the interface had failed to censor), every
/// toiminto is driven, and then every byte the appliance produced is searched for them.
@Suite(.serialized) struct LeakCheckTests {
    @Test(arguments: WireKind.allCases)
    func noProtectedAddressInAnyOutboxReceiptLogLineOrAuditExport(wire: WireKind) async throws {
        let capture = LogCapture()
        let harness = try await PipelineHarness(
            sandbox: SandboxConfiguration(population: 1500, seed: 23, uncensored: true, pageSize: 200),
            wire: wire, logger: capture.logger())
        defer { Task { await harness.close() } }
        let registry = harness.registry

        // Protected persons (whole protected households: minors, guardians, partners) and ordinary
        // residents asked together, as departments really ask.
        let protected = registry.hetus(where: [.turvakielto])
        #expect(protected.count >= 8, "the population must hold protected persons for this test to mean anything")
        let protectedMinors = registry.hetus(where: [.turvakielto, .minor])
        let ordinary = registry.hetus(where: [.resident], excluding: [.turvakielto], limit: 120)
        let turning = Array(ordinary.suffix(4))  // become protected later, then move
        var needles = Set(protected.flatMap { harness.addressNeedles($0) })
        #expect(!protectedMinors.isEmpty)

        // Round 1: basic data in both formats, following, municipality-wide basic data in both formats.
        let asked = protected + ordinary
        try harness.drop("sivistys", "oppilaat.txt", asked.joined(separator: "\n"))
        try harness.drop("kirjasto", "asiakkaat.xml", harness.request("perustiedot", purpose: "kirjasto", hetus: asked))
        try harness.drop("sivistys", "seuraa.xml", harness.request("seuranta-lisaa", hetus: asked))
        try harness.drop("kirjasto", "seuraa.xml", harness.request("seuranta-lisaa", purpose: "kirjasto", hetus: asked))
        try harness.drop("vesihuolto", "seuraa.xml", harness.request("seuranta-lisaa", hetus: asked))
        try harness.drop("vesihuolto", "kunta.xml", harness.request("kunta-perustiedot"))
        try harness.drop("vesihuolto", "kunta-xml.xml", Self.asXML(harness.request("kunta-perustiedot")))
        // The SOAP query interface serves basic data only; the five other drops get a refusal receipt.
        let first = await harness.runner.runOnce()
        #expect(first.published == (wire == .soap ? 2 : 7) && first.refused == (wire == .soap ? 5 : 0), "\(first)")
        // Checked now too, because a ban that ends later makes its address public from then on only.
        Self.expectNoLeak(of: needles, in: [("round 1 outbox files", harness.allText(under: harness.root + "/outbox")),
                                            ("round 1 log lines", capture.all.joined(separator: "\n"))])

        // Changes: protected persons move (to new protected addresses), ordinary persons become
        // protected and then move, and one protected person's ban ends without a move.
        _ = registry.advance(days: 1)
        for hetu in protected.prefix(5) { #expect(!registry.apply(.moveWithin, hetu: hetu).isEmpty) }
        for hetu in turning {
            let before = harness.addressNeedles(hetu)
            #expect(!registry.apply(.turvakieltoStart, hetu: hetu).isEmpty)
            #expect(!registry.apply(.moveWithin, hetu: hetu).isEmpty)
            // Only the address taken under protection is secret; the old one was disclosed lawfully.
            let after = harness.addressNeedles(hetu).subtracting(before)
            #expect(!after.isEmpty)
            needles.formUnion(after)
        }
        for hetu in protected.prefix(5) { needles.formUnion(harness.addressNeedles(hetu)) }
        // The simulated day also brings its own events: a ban that ends releases that person's address
        // lawfully (the interface's VAPAUTA), so it is no secret any more.
        let released = protected.filter { registry.person(hetu: $0)?.isUnderTurvakielto(on: registry.today) == false }
        needles.subtract(released.flatMap { harness.addressNeedles($0) })

        // Round 2: change deliveries in both formats, municipality-wide changes, and stopping.
        try harness.drop("sivistys", "muutokset.xml", harness.request("muutokset"))
        try harness.drop("kirjasto", "muutokset.xml", harness.request("muutokset", purpose: "kirjasto"))
        try harness.drop("vesihuolto", "muutokset.xml", Self.asXML(harness.request("muutokset")))
        try harness.drop("vesihuolto", "kunta-muutokset.xml", harness.request("kunta-muutokset"))
        try harness.drop("sivistys", "lopeta.xml", harness.request("seuranta-poista", hetus: Array(protected.prefix(3))))
        if wire == .soap {  // the moved and newly protected persons asked again, as a SOAP customer would
            try harness.drop("kirjasto", "uudelleen.txt", (protected + turning).joined(separator: "\n"))
        }
        let second = await harness.runner.runOnce()
        #expect(second.published == (wire == .soap ? 1 : 5) && second.refused == (wire == .soap ? 5 : 0), "\(second)")

        // The search would find an address if one were there: ordinary residents' streets are in the results.
        let outbox = harness.allText(under: harness.root + "/outbox")
        let ordinaryStreets = ordinary.prefix(20).flatMap { harness.addressNeedles($0) }
        #expect(ordinaryStreets.contains { outbox.contains($0) }, "results must carry ordinary addresses")
        #expect(outbox.contains("kuitti") || harness.outbox("sivistys").contains { $0.hasSuffix(".kuitti.txt") })
        let lines = capture.all
        #expect(lines.contains { $0.contains("drop published") }, "the log capture must see the appliance's lines")

        var export = AuditExport().header()
        try harness.appliance.database.auditLog.export { export += AuditExport().lines($0) }
        let exportText = String(decoding: export, as: UTF8.self)
        #expect(protected.allSatisfy { exportText.contains($0) }, "the audit export names every queried person")

        #expect(needles.count >= 20)
        Self.expectNoLeak(of: needles, in: [
            ("outbox files (results and receipts)", outbox),
            ("log lines", Self.withoutClientMeasures(lines.joined(separator: "\n"))),
            ("audit export", exportText),
            ("state folder (database, archive, quarantine)", harness.allText(under: harness.root + "/state")),
        ])
    }

    /// Only the client's own measures are set aside: a postcode anywhere else in a line is still found.
    @Test func theClientsMeasuresAreTheOnlyNumbersSetAside() {
        let line = "VTJ call done vtj.bytes=98139 vtj.first-byte-ms=98139 vtj.log-key=98139 postinumero=98139 98139"
        let searched = Self.withoutClientMeasures(line)
        #expect(searched == "VTJ call done vtj.bytes=# vtj.first-byte-ms=# vtj.log-key=98139 postinumero=98139 98139")
        #expect(Self.occurs("98139", in: searched))
        #expect(!Self.occurs("98139", in: Self.withoutClientMeasures("vtj.bytes=98139 vtj.parse-ms=98139")))
    }

    static func expectNoLeak(of needles: Set<String>, in haystacks: [(String, String)]) {
        for (place, text) in haystacks {
            let leaked = needles.filter { occurs($0, in: text) }.sorted()
            // The line each value stands in, so a finding can be told from a chance match at once.
            let lines = leaked.compactMap { needle in text.split(separator: "\n").first { occurs(needle, in: String($0)) } }
            #expect(leaked.isEmpty, "protected address values found in \(place): \(leaked), in: \(lines.map { String($0.prefix(300)) })")
        }
    }

    /// `<pyynto … muoto="xml">`: the department's default format overridden.
    static func asXML(_ request: String) -> String {
        request.replacingOccurrences(of: "<pyynto ", with: "<pyynto muoto=\"xml\" ")
    }

    /// Digits-only needles (postcodes, building ids) must stand alone, not inside a longer number.
    /// `text` without the numbers the client measures itself (`vtj.bytes=98139`, `vtj.first-byte-ms=13`):
    /// a byte count or a duration once equalled a protected person's postcode and read as a leak.
    /// Only these keys' digits go; any other value, and every text, is still searched.
    static func withoutClientMeasures(_ text: String) -> String {
        text.replacing(#/(vtj\.(?:attempt|body-ms|bytes|connect-ms|count|duplicates|first-byte-ms|hetus|message|messages|new-connections|page|pages|parse-ms|persons|queued-ms|resume-ms|status|wait-ms))=[0-9]+/#) { "\($0.output.1)=#" }
    }

    static func occurs(_ needle: String, in text: String) -> Bool {
        guard needle.allSatisfy(\.isNumber) else { return text.contains(needle) }
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: needle, range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if !before.isNumber && !after.isNumber { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
