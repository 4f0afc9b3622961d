import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox
import VTJXML
import VTJTestSupport

/// One drop of every toiminto through the real pipeline: files, SQLite, libcurl, the sandbox.
@Suite(.serialized) struct PipelineOperationTests {
    @Test func hetuListGivesResultReceiptAuditAndArchive() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let found = harness.registry.hetus(where: [.resident, .adult], excluding: [.turvakielto], limit: 2)
        try harness.drop("sivistys", "lista.txt", "# lista\n\(found[0])\n\(found[1])\n\(found[1])\n010594Y9033\n010594Y9032\n")
        let summary = await harness.runner.runOnce()
        #expect(summary.published == 1)

        let csv = try harness.only("sivistys", suffix: ".csv")
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 4)  // header + 2 found + 1 not found
        #expect(rows[1].hasPrefix("\(found[0]);loytyi;") || rows[2].hasPrefix("\(found[0]);loytyi;"))
        #expect(rows[3].hasPrefix("010594Y9032;ei-loytynyt;"))
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        let entries = try ReceiptParser.parse(receipt)
        func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }
        #expect(value("tulos") == "valmis")
        #expect(value("kelvolliset") == "3")
        #expect(value("virheelliset") == "1")
        #expect(value("kaksoiskappaleet") == "1")
        #expect(value("loytyi") == "2")
        #expect(value("ei-loytynyt") == "1")
        #expect(receipt.contains("hylatty-rivi[5]: 010594Y***3 | tarkistusmerkki"))

        // Audited: who asked about this person, when and why.
        let audit = try harness.appliance.database.auditLog.queries(hetu: try Henkilotunnus(found[0]))
        #expect(audit.count == 1)
        #expect(audit.first?.department == "sivistys")
        #expect(audit.first?.purpose == "perusopetus")
        // The input is archived; nothing is left in the work folder or the inbox.
        let dropID = try #require(audit.first?.dropID)
        #expect(try harness.appliance.database.journal.entry(dropID)?.state == .archived)
        #expect(harness.outbox("kirjasto").isEmpty && harness.outbox("vesihuolto").isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: harness.root + "/inbox/sivistys")) ?? []).isEmpty)
        #expect(WorkRecovery(appliance: harness.appliance).unfinished().isEmpty)
    }

    @Test(arguments: WireKind.allCases)
    func protectedPersonsAddressNeverLeavesEvenWhenTheInterfaceSendsIt(wire: WireKind) async throws {
        let harness = try await PipelineHarness(wire: wire)  // the sandbox runs uncensored
        defer { Task { await harness.close() } }
        let protected = harness.registry.hetus(where: [.turvakielto], limit: 3)
        #expect(protected.count == 3)
        let needles = protected.flatMap { harness.addressNeedles($0) }
        #expect(!needles.isEmpty, "the uncensored sandbox must send the addresses for this test to mean anything")
        try harness.drop("sivistys", "suojatut.txt", protected.joined(separator: "\n"))
        try harness.drop("kirjasto", "suojatut.xml", harness.request("perustiedot", purpose: "kirjasto", hetus: protected))
        let summary = await harness.runner.runOnce()
        #expect(summary.published == 2)
        let everything = harness.allText(under: harness.root + "/outbox")
        for needle in needles { #expect(!everything.contains(needle), "address value leaked: \(needle)") }
        let csv = try harness.only("sivistys", suffix: ".csv")
        #expect(csv.components(separatedBy: ";turvakielto;").count - 1 == 3)
        #expect(try harness.only("kirjasto", suffix: ".xml").contains("turvakielto"))
    }

    @Test func xmlResultValidatesAgainstThePublishedSchema() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 5)
        try harness.drop("kirjasto", "asiakkaat.xml", harness.request("perustiedot", purpose: "kirjasto", hetus: hetus + ["010594Y9032"],
                                                                   reference: "viite-42"))
        _ = await harness.runner.runOnce()
        let name = try #require(harness.outbox("kirjasto").first { $0.hasSuffix(".xml") })
        let path = harness.root + "/outbox/kirjasto/" + name
        let schema = try #require(Self.repositoryFile("docs/vtjdrop-result.xsd"))
        let problems = try XMLSchemaValidator.validate(file: path, schemaPath: schema)
        #expect(problems.isEmpty, "\(problems)")
        #expect(try harness.read("kirjasto", name).contains("viite-42"))
    }

    @Test func refusedPurposeGivesAReceiptAloneAndQuarantinesTheInput() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.adult], limit: 2)
        try harness.drop("kirjasto", "henkilosto.xml", harness.request("perustiedot", purpose: "henkilosto", hetus: hetus))
        try harness.drop("kirjasto", "rakennus.xml", harness.request("perustiedot", purpose: "rakennusvalvonta", hetus: hetus))
        try harness.drop("sivistys", "kunta.xml", harness.request("kunta-perustiedot", purpose: "perusopetus"))
        let summary = await harness.runner.runOnce()
        #expect(summary.refused == 3)
        #expect(harness.outbox("kirjasto").count == 2)
        #expect(harness.outbox("kirjasto").allSatisfy { $0.hasSuffix(".kuitti.txt") })
        #expect(try harness.only("kirjasto", suffix: ".kuitti.txt", prefix: "henkilosto").contains("syykoodi: kielletty-kayttotarkoitus"))
        #expect(try harness.only("kirjasto", suffix: ".kuitti.txt", prefix: "rakennus").contains("kayttotarkoitus-ei-luvassa"))
        #expect(try harness.only("sivistys", suffix: ".kuitti.txt").contains("kuntahaku-ei-sallittu"))
        let quarantine = (try? FileManager.default.contentsOfDirectory(atPath: harness.root + "/state/quarantine")) ?? []
        #expect(quarantine.count == 3)
        // Nothing was asked from the interface for refused drops.
        #expect(try harness.appliance.database.auditLog.queries(hetu: try Henkilotunnus(hetus[0])).isEmpty)
    }

    @Test(arguments: WireKind.serving(.muutokset))
    func followingThenChangesThenStopping(wire: WireKind) async throws {
        let harness = try await PipelineHarness(wire: wire)
        defer { Task { await harness.close() } }
        let customers = harness.registry.hetus(where: [.adult, .resident], excluding: [.turvakielto], limit: 3)
        try harness.drop("vesihuolto", "seuranta.xml", harness.request("seuranta-lisaa", hetus: customers))
        _ = await harness.runner.runOnce()
        let register = harness.appliance.database.followedRegister
        #expect(try register.count(department: "vesihuolto") == 3)
        let startKey = try #require(try register.logKey(department: "vesihuolto", scope: .hetuList))

        _ = harness.registry.advance(days: 1)
        _ = harness.registry.apply(.moveWithin, hetu: customers[0])
        _ = harness.registry.apply(.turvakieltoStart, hetu: customers[1])
        let newAddress = harness.addressNeedles(customers[1])
        #expect(!newAddress.isEmpty, "the protected customer has an address to look for")
        try harness.drop("vesihuolto", "muutokset.xml", harness.request("muutokset"))
        #expect(await harness.runner.runOnce().published == 1)
        let changes = try harness.only("vesihuolto", suffix: ".csv", prefix: "muutokset")
        #expect(changes.contains(customers[0]))
        #expect(changes.contains(customers[1]))
        // The protected person's own rows carry none of the address; elsewhere in the file only what is
        // not also another customer's address (the population draws streets from a short list, and the
        // one who moved may move onto the protected person's street, as on 2026-12-08).
        for line in changes.split(whereSeparator: \.isNewline) where line.hasPrefix(customers[1]) {
            for needle in newAddress { #expect(!line.contains(needle), "protected person's address leaked in changes: \(needle)") }
        }
        let others = Set([customers[0], customers[2]].flatMap { harness.addressNeedles($0) })
        for needle in newAddress.subtracting(others) { #expect(!changes.contains(needle), "protected person's address leaked in changes: \(needle)") }
        #expect(changes.split(whereSeparator: \.isNewline).contains { $0.hasPrefix(customers[1]) && $0.contains("TYHJENNA") }, "the protected person's address rows are emptied")
        #expect(try register.logKey(department: "vesihuolto", scope: .hetuList)! > startKey)

        try harness.drop("vesihuolto", "loppu.xml", harness.request("seuranta-poista", hetus: [customers[2]]))
        _ = await harness.runner.runOnce()
        #expect(try register.count(department: "vesihuolto") == 2)
        #expect(!harness.outbox("vesihuolto").contains { $0.hasPrefix("loppu") && $0.hasSuffix(".csv") })
        #expect(try harness.only("vesihuolto", suffix: ".kuitti.txt", prefix: "loppu").contains("tulos: valmis"))
    }

    @Test(arguments: WireKind.serving(.kuntaPerustiedot))
    func municipalBasicDataForALicensedDepartment(wire: WireKind) async throws {
        let harness = try await PipelineHarness(sandbox: SandboxConfiguration(population: 300, seed: 3, pageSize: 40), wire: wire)
        defer { Task { await harness.close() } }
        try harness.drop("vesihuolto", "kaikki.xml", harness.request("kunta-perustiedot"))
        #expect(await harness.runner.runOnce().published == 1)
        let csv = try harness.only("vesihuolto", suffix: ".csv")
        let residents = harness.registry.hetus(where: [.resident])
        #expect(csv.split(separator: "\r\n").count == residents.count + 1)
        let audit = try harness.appliance.database.auditLog.queries(hetu: try Henkilotunnus(residents[0]))
        #expect(audit.contains { $0.scope == .municipalities && $0.department == "vesihuolto" })
    }

    /// The repository's own file, found from this source file's location.
    static func repositoryFile(_ relative: String) -> String? {
        let path = repositoryRoot + "/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
