import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// The whole appliance on `vtj.wire: soap` against the built-in sandbox: real files, real
/// loopback HTTP, real SQLite. Drops the query interface cannot serve are refused with a receipt
/// that names the setting; groups it does not deliver and persons it answers without data are
/// said so; a drop whose messages partly fail, or meet a bad answer, waits whole and is answered
/// whole later: nothing twice, nothing missing.
@Suite(.serialized) struct SOAPPipelineTests {
    static func rows(_ csv: String) -> [[String]] {
        csv.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("following, changes and municipal drops are refused with a receipt alone that names vtj.wire; nothing is sent")
    func refusedOperations() async throws {
        let harness = try await PipelineHarness(wire: .soap)
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.adult, .resident], limit: 2)
        try harness.drop("vesihuolto", "seuraa.xml", harness.request("seuranta-lisaa", hetus: hetus))
        try harness.drop("vesihuolto", "lopeta.xml", harness.request("seuranta-poista", hetus: hetus))
        try harness.drop("vesihuolto", "muutokset.xml", harness.request("muutokset"))
        try harness.drop("vesihuolto", "kunta.xml", harness.request("kunta-perustiedot"))
        try harness.drop("vesihuolto", "kunta-muutokset.xml", harness.request("kunta-muutokset"))
        let summary = await harness.runner.runOnce()
        #expect(summary.refused == 5 && summary.published == 0 && RunExitStatus.once(summary).code == 0, "\(summary)")
        let receipts = harness.outbox("vesihuolto")
        #expect(receipts.count == 5 && receipts.allSatisfy { $0.hasSuffix(".kuitti.txt") }, "\(receipts)")
        for name in receipts {
            let receipt = try harness.read("vesihuolto", "\(name)")
            #expect(receipt.contains("syykoodi: toiminto-ei-rajapinnassa") && receipt.contains("tulos: hylatty"), "\(name)")
            // In the department's language (vesihuolto: fi), with what the query interface lacks.
            #expect(receipt.contains("vtj.wire: xml tai json") && !receipt.contains("xml or json"), "\(name)")
            #expect(receipt.contains("väestötietojärjestelmään ei lähetetty mitään"), "\(name)")
            #expect(receipt.contains("kyselyrajapinta"), "\(name)")
        }
        #expect(try harness.appliance.database.auditLog.queries(hetu: try Henkilotunnus(hetus[0])).isEmpty, "no query was made")
        #expect(harness.sandbox?.counters.requests("HenkilonTunnusKysely") == 1, "only the start-up probe")
        #expect(try harness.appliance.database.followedRegister.count(department: "vesihuolto") == 0)
    }

    @Test("groups the product does not carry are 'not delivered by this interface'; a guardian product delivers guardians")
    func undeliveredGroups() async throws {
        for product in ["PERUSSANOMA 3", "HUOLLETTAVA-HUOLTAJAT"] {
            let harness = try await PipelineHarness(wire: .soap, soapProduct: product)
            defer { Task { await harness.close() } }
            let minors = harness.registry.hetus(where: [.minorWithTwoGuardians], excluding: [.turvakielto], limit: 3)
            try harness.drop("sivistys", "luokka.txt", minors.joined(separator: "\n"))
            #expect(await harness.runner.runOnce().published == 1)
            let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
            let notDelivered = receipt.split(separator: "\r\n").filter { $0.hasPrefix("tietoryhma-ei-toimitettu[") }
                .map { $0.dropFirst("tietoryhma-ei-toimitettu[".count).prefix { $0 != "]" } }.map(String.init)
            #expect(notDelivered.contains("USKONTOKUNTALAJI") && notDelivered.contains("AVIOLIITTO") && notDelivered.contains("HUOLLETTAVA"), "\(product): \(notDelivered)")
            #expect(notDelivered.contains("HUOLTAJA") == (product == "PERUSSANOMA 3"), "\(product): \(notDelivered)")
            #expect(!notDelivered.contains("HENKILON_NIMI") && !notDelivered.contains("KOTIKUNTA"))
            #expect(receipt.contains("(vtj.wire soap, soap_product \(product)): tyhjä sarake ei tarkoita, ettei henkilöllä ole tietoa."), "\(receipt)")
            #expect(receipt.contains("# Tämä rajapinta ei toimita tietoryhmiä "), "\(receipt)")
            let rows = Self.rows(try harness.only("sivistys", suffix: ".csv"))
            let header = try #require(rows.first)
            let guardian = try #require(header.firstIndex(of: "huoltaja1_hetu"))
            let filled = rows.dropFirst().filter { !$0[guardian].isEmpty }.count
            #expect(filled == (product == "PERUSSANOMA 3" ? 0 : 3), "\(product)")
        }
    }

    @Test("with a layout and carried columns, a column of a group the interface does not deliver stays in place, empty")
    func undeliveredGroupsKeepTheLayout() async throws {
        let harness = try await PipelineHarness(wire: .soap)
        defer { Task { await harness.close() } }
        let minors = harness.registry.hetus(where: [.minorWithTwoGuardians], excluding: [.turvakielto], limit: 3)
        try harness.drop("sivistys", "luokka.csv", "hetu;luokka\n" + minors.map { "\($0);7A" }.joined(separator: "\n"))
        try harness.drop("sivistys", "oma.xml", harness.request("perustiedot", hetus: minors)
            .replacingOccurrences(of: "<pyynto ", with: "<pyynto sarakkeet=\"sukunimi huoltaja1_hetu kotikunta\" "))
        #expect(await harness.runner.runOnce().published == 2)
        for prefix in ["luokka.", "oma."] {
            let receipt = try harness.only("sivistys", suffix: ".kuitti.txt", prefix: prefix)
            #expect(receipt.contains("tietoryhma-ei-toimitettu[HUOLTAJA]: ei-rajapinnassa"), "\(prefix): \(receipt)")
            #expect(receipt.contains("# Tämä rajapinta ei toimita tietoryhmiä "), "\(prefix): \(receipt)")
        }
        let chosen = Self.rows(try harness.only("sivistys", suffix: ".csv", prefix: "oma."))
        #expect(chosen.first == ["hetu", "tila", "sukunimi", "huoltaja1_hetu", "kotikunta"], "\(chosen)")
        #expect(chosen.count == 4 && chosen.dropFirst().allSatisfy { $0.count == 5 && $0[3].isEmpty && !$0[2].isEmpty && !$0[4].isEmpty }, "\(chosen)")
        let carried = Self.rows(try harness.only("sivistys", suffix: ".csv", prefix: "luokka."))
        let header = try #require(carried.first)
        let guardian = try #require(header.firstIndex(of: "huoltaja1_hetu"))
        #expect(header.last == "luokka")
        #expect(carried.count == 4 && carried.dropFirst().allSatisfy { $0[guardian].isEmpty && $0.last == "7A" && $0.count == header.count }, "\(carried)")
    }

    @Test("persons answered without data get their own status and reason, never 'not found'")
    func undeliveredPersons() async throws {
        let harness = try await PipelineHarness(wire: .soap, vtj: ["parallelism": "1"])
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        let hetus = harness.registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 4)
        sandbox.setSOAPFaults(SandboxSOAPFaults(returnCode: "0019", returnCodeNext: 2))
        try harness.drop("kirjasto", "lista.txt", hetus.joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        let receipt = try harness.only("kirjasto", suffix: ".kuitti.txt")
        #expect(receipt.contains("ei-toimitettu: 2") && receipt.contains("loytyi: 2") && receipt.contains("ei-loytynyt: 0"), "\(receipt)")
        #expect(receipt.split(separator: "\r\n").filter { $0.hasPrefix("ei-toimitettu-hetu: ") && $0.hasSuffix("| ei-luovutettu | 0019 Tietoja ei voida luovuttaa") }.count == 2)
        let result = try harness.only("kirjasto", suffix: ".xml")
        #expect(result.components(separatedBy: "tila=\"ei-luovutettu\"").count - 1 == 2)
        #expect(result.components(separatedBy: "tila=\"loytyi\"").count - 1 == 2)
    }

    @Test("a drop whose messages partly fail waits whole and is answered whole later: nothing twice, nothing missing")
    func partlyFailingDropIsRetriedWhole() async throws {
        let harness = try await PipelineHarness(wire: .soap)
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        let hetus = harness.registry.hetus(where: [.resident], limit: 40)
        // Three of the forty messages meet the service's internal error on every attempt; the others succeed.
        sandbox.setSOAPFaults(SandboxSOAPFaults(returnCode: "-1800", returnCodeHetus: [hetus[3], hetus[17], hetus[31]]))
        try harness.drop("sivistys", "iso.txt", hetus.joined(separator: "\n"))
        let failed = await harness.runner.runOnce()
        #expect(failed.retrying == 1 && failed.published == 0, "\(failed)")
        #expect(harness.outbox("sivistys").allSatisfy { $0.hasSuffix(".odottaa.txt") }, "no partial result: \(harness.outbox("sivistys"))")
        #expect(sandbox.counters.faults("returnCode") >= 3)
        sandbox.setSOAPFaults(SandboxSOAPFaults())
        #expect(await harness.runner.runOnce().published == 1)
        let rows = Self.rows(try harness.only("sivistys", suffix: ".csv")).dropFirst().map { $0[0] }
        #expect(rows.count == 40 && Set(rows) == Set(hetus), "every person exactly once")
        #expect(try harness.only("sivistys", suffix: ".kuitti.txt").contains("loytyi: 40"))
    }

    @Test("answers about someone else, without Henkilo or in the wrong namespace keep the drop; it is answered right later",
          arguments: ["wrongPerson", "missingPerson", "wrongNamespace"])
    func badAnswersKeepTheDrop(_ fault: String) async throws {
        let harness = try await PipelineHarness(wire: .soap, vtj: ["parallelism": "1"])
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        let hetus = harness.registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 3)
        let many = 20  // more than every attempt of a message
        sandbox.setSOAPFaults(SandboxSOAPFaults(wrongPersonNext: fault == "wrongPerson" ? many : 0,
                                                missingPersonNext: fault == "missingPerson" ? many : 0,
                                                wrongNamespaceNext: fault == "wrongNamespace" ? many : 0))
        try harness.drop("kirjasto", "lista.txt", hetus.joined(separator: "\n"))
        let held = await harness.runner.runOnce()
        #expect(held.retrying == 1 && held.published == 0 && held.refused == 0, "\(fault): \(held)")
        let entry = try #require(WorkRecovery(appliance: harness.appliance).unfinished().first)
        let error = try harness.appliance.database.journal.entry(entry.id.value)?.error ?? ""
        #expect(error.contains("unreadable"), "\(fault): \(error)")
        sandbox.setSOAPFaults(SandboxSOAPFaults())
        #expect(await harness.runner.runOnce().published == 1)
        let result = try harness.only("kirjasto", suffix: ".xml")
        for hetu in hetus { #expect(result.components(separatedBy: "henkilotunnus=\"\(hetu)\" tila=\"loytyi\"").count == 2, "\(fault) \(hetu)") }
    }

    @Test("the start-up probe asks the test henkilötunnus; refused credentials hold every drop and claim nothing")
    func startUpProbe() async throws {
        let harness = try await PipelineHarness(wire: .soap)
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        sandbox.setCredentials(user: "kunta", password: "vaihdettu")
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        try harness.drop("sivistys", "odottaa.txt", hetus.joined(separator: "\n"))
        let held = await harness.runner.runOnce()
        guard case .refusing(.credentials, let detail)? = held.interface else {
            Issue.record("the refusal must be reported (exit 3): \(held)")
            return
        }
        #expect(detail.contains("return code 0003"), "\(detail)")
        let inbox = (try? FileManager.default.contentsOfDirectory(atPath: harness.root + "/inbox/sivistys")) ?? []
        #expect(inbox == ["odottaa.txt"] && harness.outbox("sivistys").isEmpty)
        #expect(sandbox.counters.requests("HenkilonTunnusKysely") == 1)
        sandbox.setCredentials(user: "kunta", password: "salasana")
        #expect(await harness.runner.runOnce().published == 1)
    }
}

extension SOAPPipelineTests {
    @Test("an answer with whereabouts but no Turvakielto element is held as protected, and the receipt says why")
    func missingBanFlagFailsClosed() async throws {
        let harness = try await PipelineHarness(wire: .soap, vtj: ["parallelism": "1"])  // the sandbox runs uncensored
        defer { Task { await harness.close() } }
        let sandbox = try #require(harness.sandbox)
        #expect(await harness.runner.runOnce().interface == nil)
        let protected = harness.registry.hetus(where: [.turvakielto, .resident], limit: 2)
        let needles = Set(protected.flatMap { harness.addressNeedles($0) })
        #expect(!needles.isEmpty)
        sandbox.setSOAPFaults(SandboxSOAPFaults(withoutTurvakieltoNext: 2))
        try harness.drop("kirjasto", "suojatut.txt", protected.joined(separator: "\n"))
        #expect(await harness.runner.runOnce().published == 1)
        #expect(sandbox.counters.faults("withoutTurvakielto") == 2)
        let everything = harness.allText(under: harness.root + "/outbox")
        for needle in needles { #expect(!LeakCheckTests.occurs(needle, in: everything), "leaked: \(needle)") }
        let receipt = try harness.only("kirjasto", suffix: ".kuitti.txt")
        #expect(receipt.contains("turvakielto: 2") && receipt.contains("huomautus: 2 henkilön vastauksesta puuttui turvakieltotieto"), "\(receipt)")
        #expect(try harness.only("kirjasto", suffix: ".xml").contains("VAKINAINEN_KOTIMAINEN_OSOITE"))
    }
}
