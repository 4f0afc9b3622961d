import ArgumentParser
import Foundation
import VTJCore
import VTJDrop
import VTJSandbox

/// `vtjdrop demo`: the whole walk on the built-in sandbox, in a fresh folder.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the appliance end to end against the built-in sandbox.",
        discussion: """
            Starts the sandbox in-process, drops example files into the example departments' inboxes \
            (a henkilötunnus list, request documents, a refused purpose, a followed register and its \
            changes), runs the appliance once, and shows what the departments receive. The demo works \
            only in a new or empty folder, or in one an earlier demo made (it holds a .vtjdrop-demo \
            file); any other folder is refused untouched.
            """
    )

    @Option(help: "Folder for the demo's inbox, outbox and state: a new or empty folder, or one an earlier demo made.")
    var folder = "demo"
    @Option(help: "The wire spoken to the sandbox: xml (the XML profile), json (DVV's own REST + JSON) or soap (DVV's SOAP query interface: henkilötunnus drops only).")
    var wire: WireKind = .xml
    @Option(help: "With --wire soap: the product asked for (PERUSSANOMA 3, HUOLLETTAVA-HUOLTAJAT or HUOLTAJA-HUOLLETTAVAT).")
    var soapProduct = "PERUSSANOMA 3"

    func run() async throws {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        do {
            try DemoFolder.prepare(root)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let loaded = try ConfigurationLoader.load(
            overrides: ConfigurationOverrides(inbox: root + "/inbox", outbox: root + "/outbox", state: root + "/state",
                                              wire: wire.rawValue, soapProduct: wire == .soap ? soapProduct : nil,
                                              xRoadClient: wire == .soap ? "FI-TEST/MUN/0123456-7/vtjdrop" : nil),
            environment: [:])
        let logger = Bootstrap.logger(level: .notice)
        MallocArenas.limit()
        guard let sandbox = try await BuiltInSandbox.start(for: loaded.configuration,
                                                           SandboxConfiguration(population: 3000, seed: 2026))
        else { throw ValidationError("the demo needs the built-in sandbox") }
        let host = try await ApplianceHost.start(configuration: loaded.configuration, logger: logger, builtIn: sandbox.interface)
        let registry = sandbox.server.registry
        let inbox = loaded.configuration.inbox
        func pick(_ kinds: Set<SandboxPersonKind>, excluding: Set<SandboxPersonKind> = [], _ count: Int = 1) -> [String] {
            registry.hetus(where: kinds, excluding: excluding, limit: count)
        }
        let protectedMinor = pick([.turvakielto, .minor])
        let protectedAdult = pick([.turvakielto, .adult])
        let minors = pick([.minorWithTwoGuardians], excluding: [.turvakielto], 3)
        let adults = pick([.adult, .resident], excluding: [.turvakielto], 4)
        let notInRegister = "010594Y9032"

        print("vtjdrop demo — folder \(root)")
        let spoken: [WireKind: String] = [
            .xml: "XML profile", .json: "JSON wire (DVV's REST + JSON)",
            .soap: "SOAP query interface (VTJ-kyselyrajapinta, product \(soapProduct)): one message per henkilötunnus; "
                + "following and changes are refused there with a receipt",
        ]
        let endpoint = sandbox.server.url(for: wire)
        print("sandbox: \(endpoint ?? "-") (population 3000, seed 2026), spoken over the \(spoken[wire] ?? wire.rawValue)\n")

        // 1. A class list as teachers make them: BOM, CRLF, a comment, a typo, a duplicate, lower case.
        let list = ["# luokka 7B", protectedMinor.first, minors[0], minors[1].lowercased(), minors[1], "010594Y9033",
                    notInRegister, minors[2]].compactMap { $0 }
        try write(inbox + "/sivistys/luokka-7b.txt", "\u{FEFF}" + list.joined(separator: "\r\n") + "\r\n")
        // 2. A request document asking for religion under perusopetus.
        try write(inbox + "/sivistys/uskonto.xml", request("perustiedot", purpose: "perusopetus", reference: "oppilashuolto-12",
                                                            groups: ["HENKILON_NIMI", "USKONTOKUNTALAJI", "HUOLTAJA"], hetus: minors))
        // 3. The library: a protected adult and others, as CSV with a header.
        try write(inbox + "/kirjasto/asiakkaat.csv", "nimi;hetu\r\n" + (protectedAdult + adults.prefix(2))
            .enumerated().map { "Asiakas \($0.offset + 1);\($0.element)" }.joined(separator: "\r\n") + "\r\n")
        // 4. A purpose the seed forbids: refused with a receipt alone.
        try write(inbox + "/rakennusvalvonta/henkilosto.xml", request("perustiedot", purpose: "henkilosto", hetus: adults))
        // 5. Water supply starts following two customers.
        try write(inbox + "/vesihuolto/seuranta.xml", request("seuranta-lisaa", purpose: "vesihuolto", hetus: Array(adults.suffix(2))))

        let line = ProgressLine(progress: host.appliance.progress)
        line.start()
        var summary = await host.runner.runOnce()
        await line.finish()
        print("first run: \(summary)")

        // 6. Time passes in the sandbox: one followed customer moves, the other gets a turvakielto.
        _ = registry.advance(days: 1)
        _ = registry.apply(.moveWithin, hetu: adults[2])
        _ = registry.apply(.turvakieltoStart, hetu: adults[3])
        try write(inbox + "/vesihuolto/muutokset.xml", request("muutokset", purpose: "vesihuolto", hetus: []))
        summary = await host.runner.runOnce()
        print("second run (changes): \(summary)\n")

        try show(outbox: loaded.configuration.outbox)
        let leaked = try protectedAddressLeaks(registry: registry, hetus: protectedMinor + protectedAdult,
                                               outbox: loaded.configuration.outbox)
        print(leaked.isEmpty
              ? "privacy check: no street name or postal code of the protected persons appears in any outbox file."
              : "PRIVACY CHECK FAILED: \(leaked)")
        await host.shutdown()
        await sandbox.server.shutdown()
        if !leaked.isEmpty { throw ExitCode(1) }
    }

    private func request(_ operation: String, purpose: String, reference: String? = nil, groups: [String] = [],
                         hetus: [String]) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pyynto toiminto=\"\(operation)\" kayttotarkoitus=\"\(purpose)\""
        if let reference { text += " tunniste=\"\(reference)\"" }
        text += ">\n"
        if !groups.isEmpty { text += "  <tietoryhmat>" + groups.map { "<tietoryhma>\($0)</tietoryhma>" }.joined() + "</tietoryhmat>\n" }
        if !hetus.isEmpty { text += "  <hetulista>" + hetus.map { "<hetu>\($0)</hetu>" }.joined() + "</hetulista>\n" }
        return text + "</pyynto>\n"
    }

    /// Writes like a well-behaved producer: a dot-file first, renamed into place when complete.
    private func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".part")
        try Data(text.utf8).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: url)
    }

    private func show(outbox: String) throws {
        let manager = FileManager.default
        for department in try manager.contentsOfDirectory(atPath: outbox).sorted() {
            let files = try manager.contentsOfDirectory(atPath: outbox + "/" + department).filter { !$0.hasPrefix(".") }.sorted()
            guard !files.isEmpty else { continue }
            print("outbox/\(department)/")
            for file in files { print("  \(file)") }
        }
        for file in try manager.contentsOfDirectory(atPath: outbox + "/sivistys").sorted() where file.hasPrefix("luokka-7b") {
            let text = try String(contentsOfFile: outbox + "/sivistys/" + file, encoding: .utf8)
            print("\n--- outbox/sivistys/\(file) ---")
            if file.hasSuffix(".csv") {
                let width = text.prefix { $0 != "\r" && $0 != "\n" }.split(separator: ";", omittingEmptySubsequences: false).count
                print("(a few of its \(width) columns: the school's pupil list, preset oppilaslista; see docs/csv-columns.md)")
                print(excerpt(csv: text, columns: ["hetu", "tila", "pidatetyt", "etunimi", "sukunimi", "katunimi",
                                                    "postinumero", "kotikunta", "huoltaja1_sukunimi", "uskontokuntalaji"]))
            } else {
                print(text)
            }
        }
    }

    /// Selected columns of a semicolon CSV (the demo's names contain no quotes or delimiters).
    private func excerpt(csv text: String, columns: [String]) -> String {
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        guard let header = lines.first else { return "" }
        let indices = columns.compactMap { name in header.firstIndex { $0 == name } }
        return lines.map { row in indices.map { $0 < row.count ? String(row[$0]) : "" }.joined(separator: " | ") }
            .joined(separator: "\n")
    }

    /// Every street name and postal code of the protected persons, searched in every outbox byte.
    private func protectedAddressLeaks(registry: SandboxRegistry, hetus: [String], outbox: String) throws -> [String] {
        var needles: Set<String> = []
        for hetu in hetus {
            guard let person = registry.person(hetu: hetu) else { continue }
            for record in person.records where GroupName.censoredUnderTurvakielto.contains(record.group) {
                if let street = record.bilingual("katunimi") { needles.formUnion([street.fi, street.sv].compactMap { $0 }) }
                if let code = record.text("postinumero") { needles.insert(code) }
                if let address = record.bilingual("postiosoite") { needles.formUnion([address.fi, address.sv].compactMap { $0 }) }
            }
        }
        var hits: [String] = []
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: outbox) else { return [] }
        for case let file as String in walker {
            let path = outbox + "/" + file
            guard let data = manager.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for needle in needles where needle.count >= 4 && text.contains(needle) { hits.append("\(file): \(needle)") }
        }
        return hits
    }
}
