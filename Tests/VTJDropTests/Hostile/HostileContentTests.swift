import Foundation
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// Runs the whole hostile-content corpus through one appliance (real files, SQLite, libxml2,
/// libcurl and the in-process sandbox) and checks every drop's receipt, where its input ended up,
/// that nothing leaked or landed elsewhere, and that the appliance still serves afterwards.
@Suite(.serialized) struct HostileContentTests {
    @Test func corpusIsLargeAndItsIdsAndNamesAreUnique() {
        let corpus = HostileContentCorpus.all
        #expect(corpus.count >= 60)
        #expect(Set(corpus.map(\.id)).count == corpus.count)
        #expect(Set(corpus.map(\.stem)).count == corpus.count)
        // A stem must not be the start of another's, or outbox files could be matched to the wrong case.
        for one in corpus {
            #expect(!corpus.contains { $0.id != one.id && $0.stem.hasPrefix(one.stem + ".") }, "\(one)")
        }
    }

    /// Small fixed inputs are the fuzzers' seeds (`Fuzz/corpus/hetu-list`, `Fuzz/corpus/request-xml`);
    /// they must stay the corpus's bytes. `VTJDROP_WRITE_FUZZ_SEEDS=1 swift test --filter
    /// HostileContentTests` rewrites them after a corpus change.
    @Test func fuzzSeedsAreTheCorpusBytes() throws {
        let write = ProcessInfo.processInfo.environment["VTJDROP_WRITE_FUZZ_SEEDS"] == "1"
        var seeds = 0
        for item in HostileContentCorpus.all {
            guard let bytes = item.content.staticBytes else { continue }
            let target = item.fileName.hasSuffix(".xml") ? "request-xml" : "hetu-list"
            let path = repositoryRoot + "/Fuzz/corpus/\(target)/content-\(item.stem)"
            if write { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
            #expect(FileManager.default.contents(atPath: path) == Data(bytes), "\(item): seed \(path) differs; rerun with VTJDROP_WRITE_FUZZ_SEEDS=1")
            seeds += 1
        }
        #expect(seeds >= 60)
    }

    @Test func everyCaseEndsAsExpectedAndTheApplianceKeepsServing() async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let secret = try SecretFolder()
        defer { secret.remove() }
        let corpus = HostileContentCorpus.all

        var dropped: [String: [UInt8]] = [:]
        for item in corpus {
            dropped[item.id] = try Self.drop(item, into: harness, secret: secret)
        }
        let summary = await harness.runner.runOnce()

        let published = corpus.filter { if case .published = $0.expected { true } else { false } }.count
        let refused = corpus.filter { if case .refused = $0.expected { true } else { false } }.count
        let neverRead = corpus.count - published - refused
        #expect(summary.published == published, "\(summary)")
        #expect(summary.refused >= refused && summary.refused <= refused + neverRead, "\(summary)")
        #expect(summary.retrying == 0, "\(summary)")

        for item in corpus {
            try check(item, input: dropped[item.id], in: harness)
        }
        try checkNothingLeakedOrStrayed(harness, secret: secret, corpus: corpus)

        // Still serving: a good list dropped afterwards is published with every row.
        try Self.write(Array(Corpus.list(Array(Corpus.good.prefix(3))).utf8), name: "jalkeen.txt", department: "sivistys", harness)
        #expect(await harness.runner.runOnce().published == 1)
        let csv = try harness.only("sivistys", suffix: ".csv", prefix: "jalkeen.")
        #expect(csv.split(separator: "\r\n").count == 4)
        #expect(try harness.only("sivistys", suffix: ".kuitti.txt", prefix: "jalkeen.").contains("tulos: valmis"))
    }

    // MARK: - Per case

    private func check(_ item: HostileContentCase, input: [UInt8]?, in harness: PipelineHarness) throws {
        let mine = harness.outbox(item.department).filter { $0.hasPrefix(item.stem + ".") }
        for other in ["sivistys", "kirjasto", "vesihuolto"] where other != item.department {
            #expect(!harness.outbox(other).contains { $0.hasPrefix(item.stem + ".") }, "\(item): output in outbox/\(other)")
        }
        switch item.expected {
        case .neverRead:
            #expect(!mine.contains { !$0.hasSuffix(".kuitti.txt") }, "\(item): a result for a file never read: \(mine)")
            for receipt in mine {
                let text = try harness.read(item.department, receipt)
                #expect(text.contains("tulos: hylatty") && text.contains("suurempi kuin sallitut"), "\(item): \(text)")
            }
            // Left in the inbox, or moved whole into quarantine (never opened either way).
            guard case .singleLine(let count) = item.content else { return }
            let inbox = harness.root + "/inbox/" + item.department + "/" + item.fileName
            let quarantine = harness.root + "/state/quarantine"
            let places = [inbox] + (FileManager.default.enumerator(atPath: quarantine)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(item.fileName) }.map { quarantine + "/" + $0 }
            let kept = places.contains { ((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int) == count }
            #expect(kept, "\(item): the oversize file is neither in the inbox nor in quarantine")
            #expect(!Self.archived(harness).contains { $0.hasSuffix("/" + item.fileName) }, "\(item): archived as if read")
            return
        case .published(let expected):
            let receipt = try receiptEntries(item, mine, harness)
            func value(_ key: String) -> String? { receipt.first { $0.key == key }?.value }
            // Over 50 rejected lines or not-found hetus: the full lists are in a file beside the receipt.
            let listed = value("luettelo").map { [$0] } ?? []
            #expect(mine.count == (expected.result ? 2 : 1) + listed.count, "\(item): \(mine)")
            #expect(listed.allSatisfy { mine.contains($0) }, "\(item): \(listed) not in \(mine)")
            #expect(value("tulos") == "valmis", "\(item): \(value("syy") ?? "")")
            #expect(value("kelvolliset") == String(expected.valid), "\(item)")
            #expect(value("virheelliset") == String(expected.invalid), "\(item)")
            #expect(value("kaksoiskappaleet") == String(expected.duplicates), "\(item)")
            if let lines = expected.lines { #expect(value("rivit") == String(lines), "\(item)") }
            let rejected = receipt.filter { $0.key == "hylatty-rivi" }
            // Listed in detail up to the limit, counted in full beyond it.
            #expect(rejected.count == min(expected.invalid, ReceiptRenderer().listLimit), "\(item)")
            if let list = listed.first {
                let all = try ReceiptParser.parse(try harness.read(item.department, list)).filter { $0.key == "hylatty-rivi" }
                #expect(all.count == min(expected.invalid, HetuCollector().detailLimit), "\(item): the list file")
            }
            for (line, kind) in expected.rejected {
                let entry = rejected.first { $0.qualifier == String(line) }
                #expect(entry?.value.contains("| \(kind) |") == true, "\(item): line \(line) should be rejected as \(kind): \(rejected)")
            }
            let notes = receipt.filter { $0.key == "huomautus" }.map(\.value)
            for note in expected.notes {
                #expect(notes.contains { $0.contains(note) }, "\(item): no note with \"\(note)\" in \(notes)")
            }
            let refusedGroups = Set(receipt.filter { $0.key == "tietoryhma-hylatty" }.compactMap(\.qualifier))
            #expect(refusedGroups == Set(expected.refusedGroups), "\(item)")
            if let result = mine.first(where: { !$0.hasSuffix(".kuitti.txt") }) {
                let text = try harness.read(item.department, result)
                for needle in expected.resultLacks { #expect(!text.contains(needle), "\(item): result contains \(needle)") }
                for needle in expected.resultContains { #expect(text.contains(needle), "\(item): result lacks \(needle)") }
            }
            try checkStored(item, input: input, receipt: value("pyynto"), state: .archived, folder: "/state/archive/", harness)
        case .refused(let code, let line, let cause):
            let receipt = try receiptEntries(item, mine, harness)
            func value(_ key: String) -> String? { receipt.first { $0.key == key }?.value }
            // A refusal for its rejected lines lists them like a result's receipt: over 50, in a list file.
            let listed = value("luettelo").map { [$0] } ?? []
            #expect(mine.count == 1 + listed.count && mine.filter { $0.hasSuffix(".kuitti.txt") }.count == 1, "\(item): \(mine)")
            // The receipt says it in Finnish (`syy`); the journal keeps the English for the operator.
            let dropID = value("pyynto") ?? ""
            let reason = (try harness.appliance.database.journal.entry(dropID))?.error ?? ""
            let syy = value("syy") ?? ""
            let shownName = Henkilotunnus.maskingShapes(in: ReceiptRenderer.clean(item.fileName))
            #expect(value("tulos") == "hylatty", "\(item)")
            #expect(value("syykoodi") == code, "\(item): \(reason)")
            #expect(value("tiedosto") == item.fileName, "\(item)")
            #expect(!(value("syy") ?? "").isEmpty, "\(item)")
            #expect(reason.localizedCaseInsensitiveContains(cause), "\(item): \"\(cause)\" not in: \(reason)")
            if let line {
                #expect(reason.contains("\(item.fileName):\(line):"), "\(item): no file:line in: \(reason)")
                #expect(syy.contains("\(shownName), rivi \(line): "), "\(item): no file and line in: \(syy)")
            }
            // Whatever comes from reading the file names it in the reason (profile refusals do not need to).
            if ["tiedosto-ei-luettavissa", "virheellinen-pyynto", "tuntematon-toiminto"].contains(code) {
                #expect(reason.contains(item.fileName + ":"), "\(item): the file is not named in: \(reason)")
                #expect(syy.contains(shownName), "\(item): the file is not named in: \(syy)")
            }
            #expect(receipt.filter { $0.key == "hylatty-rivi" }.count <= HetuCollector().detailLimit, "\(item)")
            try checkStored(item, input: input, receipt: value("pyynto"), state: .quarantined, folder: "/state/quarantine/", harness)
        }
    }

    private func receiptEntries(_ item: HostileContentCase, _ files: [String], _ harness: PipelineHarness) throws -> [ReceiptParser.Entry] {
        let name = try #require(files.first { $0.hasSuffix(".kuitti.txt") }, "\(item): no receipt")
        return try ReceiptParser.parse(try harness.read(item.department, name))
    }

    /// The journal says where the input went, and the input is there, byte for byte.
    private func checkStored(_ item: HostileContentCase, input: [UInt8]?, receipt dropID: String?, state: DropState,
                             folder: String, _ harness: PipelineHarness) throws {
        let id = try #require(dropID, "\(item): receipt without pyynto")
        let entry = try #require(try harness.appliance.database.journal.entry(id), "\(item): no journal entry")
        #expect(entry.state == state, "\(item)")
        #expect(entry.storedPath.hasPrefix(harness.root + folder), "\(item): stored at \(entry.storedPath)")
        guard let input else { return }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: entry.storedPath)) ?? []
        let kept = files.contains { FileManager.default.contents(atPath: entry.storedPath + "/" + $0) == Data(input) }
        #expect(kept, "\(item): input not kept unchanged in \(entry.storedPath): \(files)")
    }

    // MARK: - Whole batch

    private func checkNothingLeakedOrStrayed(_ harness: PipelineHarness, secret: SecretFolder, corpus: [HostileContentCase]) throws {
        let root = harness.root
        let top = Set((try FileManager.default.contentsOfDirectory(atPath: root)))
        #expect(top.subtracting(["inbox", "outbox", "state", "vtjdrop.yaml"]).isEmpty, "stray files in the root: \(top)")
        let departments: Set<String> = ["sivistys", "kirjasto", "vesihuolto"]
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root + "/outbox")).isSubset(of: departments))
        for department in departments {
            for file in harness.outbox(department) {
                #expect(corpus.contains { $0.department == department && file.hasPrefix($0.stem + ".") },
                        "outbox/\(department)/\(file) belongs to no case of that department")
            }
            // Everything was claimed except the file over the size limit.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: root + "/inbox/" + department)) ?? []
            #expect(left.allSatisfy { name in corpus.contains { $0.fileName == name && { if case .neverRead = $0.expected { true } else { false } }($0) } },
                    "left in inbox/\(department): \(left)")
        }
        #expect(WorkRecovery(appliance: harness.appliance).unfinished().isEmpty)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: secret.folder)) == ["secret.txt", "secret.txt.dtd"])

        var needles = [secret.marker]
        if let passwd = try? String(contentsOfFile: "/etc/passwd", encoding: .utf8) {
            needles += passwd.split(separator: "\n").map(String.init).filter { $0.count >= 12 }
        }
        for folder in [root + "/outbox", root + "/state"] {
            for (path, text) in Self.texts(under: folder) {
                for needle in needles where text.contains(needle) {
                    Issue.record("\(path) contains text from outside the inbox: \(needle.prefix(30))")
                }
            }
        }
    }

    // MARK: - Helpers

    /// Writes one case's bytes the way a careful producer does (aside, then renamed in); returns
    /// the bytes for later comparison (nil when written as a stream).
    private static func drop(_ item: HostileContentCase, into harness: PipelineHarness, secret: SecretFolder) throws -> [UInt8]? {
        switch item.content {
        case .bytes(let bytes):
            try write(bytes, name: item.fileName, department: item.department, harness)
            return bytes
        case .withSecret(let make):
            let bytes = make(secret.file)
            try write(bytes, name: item.fileName, department: item.department, harness)
            return bytes
        case .singleLine(let count):
            let folder = harness.root + "/inbox/" + item.department
            let temporary = folder + "/." + item.fileName + ".part"
            #expect(FileManager.default.createFile(atPath: temporary, contents: nil))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            let chunk = Data(repeating: UInt8(ascii: "7"), count: 1 << 20)
            var left = count
            while left > 0 {
                try handle.write(contentsOf: left >= chunk.count ? chunk : chunk.prefix(left))
                left -= min(left, chunk.count)
            }
            try handle.close()
            guard rename(temporary, folder + "/" + item.fileName) == 0 else { throw HarnessError("cannot rename \(temporary)") }
            return nil
        }
    }

    static func write(_ bytes: [UInt8], name: String, department: String, _ harness: PipelineHarness) throws {
        let folder = harness.root + "/inbox/" + department
        let temporary = folder + "/." + name + ".part"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, folder + "/" + name) == 0 else { throw HarnessError("cannot rename \(temporary)") }
    }

    /// Paths of archived inputs.
    private static func archived(_ harness: PipelineHarness) -> [String] {
        let folder = harness.root + "/state/archive"
        return (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }
    }

    /// Every file under `folder` up to 16 MB, as text (SQLite files included: they hold text too).
    private static func texts(under folder: String) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var texts: [(String, String)] = []
        for case let name as String in walker {
            let path = folder + "/" + name
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size <= 16 << 20,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            texts.append((path, String(decoding: data, as: UTF8.self)))
        }
        return texts
    }
}

/// A folder outside the appliance holding a marker text (and a DTD that would expand it): if any
/// drop made the appliance read it, the marker shows up in an output.
struct SecretFolder {
    let folder: String
    let marker: String
    var file: String { folder + "/secret.txt" }

    init() throws {
        folder = try TempFolder("vtjdrop-secret").path
        marker = "SALAINEN-MERKKI-" + UUID().uuidString
        try marker.write(toFile: file, atomically: true, encoding: .utf8)
        try "<!ENTITY e \"\(marker)\">\n<!ELEMENT pyynto ANY>\n".write(toFile: file + ".dtd", atomically: true, encoding: .utf8)
    }

    func remove() { TempFolderSweeper.removeTree(folder) }
}
