#if canImport(Glibc)
import Glibc
#endif
import VTJCore
import VTJDrop
import VTJXML

/// The result sink's per-person work (scripts/bench-prepare): persons of the benchmark population,
/// written as an answer and parsed back (so their strings are the reader's), driven through the
/// real ``ResultSink`` as the client's workers drive it — ``ResultBatch`` of 128, `prepare` per
/// person, `write` per batch into a real pending file and disclosure spool. Only that is timed, and
/// only it is counted when run under callgrind with `--toggle-collect=*BenchPrepare*drive*`.
enum BenchPrepare {
    static func run(persons count: Int, profile: String, format: OutputFormat, seed: UInt64) {
        guard let groups = BenchRender.profiles[profile] else { fail("unknown profile \(profile); use all, eleven or narrow") }
        let persons = answer(count, seed: seed)
        let hetus = persons.compactMap { try? Henkilotunnus($0.hetu) }
        var template = [UInt8]("/tmp/vtjdrop-bench-prepare-XXXXXX".utf8) + [0]
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { fail("cannot make a scratch folder") }
        let folder = String(cString: made)
        defer { removeFolder(folder) }
        do {
            let publisher = Publisher(folder: folder + "/outbox")
            try publisher.prepare()
            let pending = try publisher.begin("bench.csv")
            let temporaryPath = pending.temporaryPath
            let today = CivilDate(year: 2026, month: 11, day: 26)!
            let authorisation = DropAuthorisation(department: "bench", purpose: .perusopetus, groups: groups)
            let sink = try ResultSink(
                kind: .basicData, pending: pending, format: format, authorisation: authorisation, dialect: .standard,
                receipt: Receipt(dropID: "bench", department: "bench", file: "bench.txt", processingDate: today, reference: "bench;\"ref\""),
                operation: "perustiedot", asked: AskedOnly(hetus), scratchFolder: folder)
            let started = (clockSeconds(CLOCK_MONOTONIC), clockSeconds(CLOCK_PROCESS_CPUTIME_ID))
            try drive(persons, into: sink)
            let (wall, cpu) = (clockSeconds(CLOCK_MONOTONIC) - started.0, clockSeconds(CLOCK_PROCESS_CPUTIME_ID) - started.1)
            let (receipt, unexpected) = try sink.finish()
            // What the run produced, digested: the result file, the disclosure log's rows, the receipt's counts.
            var digest = Digest()
            digest.add(fileBytes(temporaryPath))
            try sink.forEachPerson { person in
                digest.add(Array("\(person.hetu)|\(person.status)|\(person.groups?.joined(separator: ",") ?? "-")\n".utf8))
            }
            // (Dictionaries sorted: their order changes with each process's hash seed.)
            let withheld = receipt.withheld.records.map { "\($0.key)=\($0.value)" }.sorted()
            let overflow = receipt.overflow.map { "\($0.key)=\($0.value)" }.sorted()
            digest.add(Array("\(receipt.counts)|\(withheld)|\(receipt.withheld.droppedFields)|\(overflow)|\(unexpected)".utf8))
            print("profile=\(profile) format=\(format) persons=\(count) written=\(sink.personCount) "
                + "digest=\(String(digest.value, radix: 16)) seconds=\(wall) cpu=\(cpu)")
            sink.abandon()
        } catch {
            fail("\(error)")
        }
    }

    /// Every person through a batch, as one worker hands an answer's persons to the result.
    @inline(never)
    static func drive(_ persons: [Person], into sink: ResultSink) throws {
        let batch = ResultBatch(sink)
        for person in persons { try batch.add(person) }
        try batch.finish()
    }

    /// `count` persons as the XML reader makes them from an answer.
    private static func answer(_ count: Int, seed: UInt64) -> [Person] {
        var population = BenchPopulation(seed: seed)
        let writer = XMLWriter(indent: false)
        writer.startDocument()
        writer.startElement("perustiedotVastaus")
        writer.attribute("ajanTasalla", "true")
        for index in 0..<count { ResponseXML.writePerson(population.person(index), to: writer) }
        writer.endElement()
        var persons: [Person] = []
        persons.reserveCapacity(count)
        do {
            try writer.endDocument()
            _ = try ResponseReader(bytes: try writer.bytes(), documentName: "bench").readPerustiedot { persons.append($0) }
        } catch {
            fail("\(error)")
        }
        return persons
    }

    private static func removeFolder(_ folder: String) {
        // Only what this run made: the outbox, its temp folder and their files.
        for sub in [folder + "/outbox/.vtjdrop-tmp", folder + "/outbox", folder] {
            if let listing = opendir(sub) {
                while let entry = readdir(listing) {
                    let name = withUnsafeBytes(of: &entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if entry.pointee.d_type != UInt8(DT_DIR) { unlink(sub + "/" + name) }
                }
                closedir(listing)
            }
            rmdir(sub)
        }
    }

    /// FNV-1a: equal digests before and after a change mean the same output.
    struct Digest {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func add(_ bytes: [UInt8]) {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
    }
}
