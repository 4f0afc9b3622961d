#if canImport(Glibc)
import Glibc
#endif
import VTJCore

/// The CSV rendering benchmark (scripts/bench-render): persons of the benchmark population,
/// disclosed beforehand, rendered to CSV rows by ``CSVRenderer``. Only the rendering is timed,
/// and only it is counted when run under callgrind with `--toggle-collect=*BenchRender*renderRows*`.
enum BenchRender {
    /// Group sets of the end-to-end benchmarks (issue 15).
    static let profiles: [String: [GroupName]] = [
        "all": GroupName.productGroupsInOrder,
        "eleven": [.henkilonNimi, .sukupuoli, .aidinkieli, .kansalaisuus, .kotikunta, .edellinenKotikunta,
                   .vakinainenKotimainenOsoite, .kotimainenPostiosoite, .turvakielto, .siviilisaaty, .avioliitto],
        "narrow": [.henkilonNimi, .kotikunta, .vakinainenKotimainenOsoite, .turvakielto],
    ]

    static func run(rows: Int, profile: String, path: String?, seed: UInt64) {
        guard let groups = profiles[profile] else { fail("unknown profile \(profile); use all, eleven or narrow") }
        let rules = DisclosureRules(groups: groups, purpose: .perusopetus, today: CivilDate(year: 2026, month: 11, day: 26)!)
        let renderer = CSVRenderer(groups: groups, reference: "bench;\"ref\"")
        var population = BenchPopulation(seed: seed)
        let persons = (0..<rows).map { rules.disclose(population.person($0)) }
        let started = (clockSeconds(CLOCK_MONOTONIC), clockSeconds(CLOCK_PROCESS_CPUTIME_ID))
        let output = renderRows(persons, renderer)
        let (wall, cpu) = (clockSeconds(CLOCK_MONOTONIC) - started.0, clockSeconds(CLOCK_PROCESS_CPUTIME_ID) - started.1)
        if let path {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
            guard fd >= 0 else { fail("cannot create \(path)") }
            let written = output.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == output.count, close(fd) == 0 else { fail("cannot write \(path)") }
        }
        // FNV-1a of the bytes: equal digests before and after a change mean the same file.
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in output { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
        print("profile=\(profile) rows=\(rows) columns=\(renderer.columnNames.count) bytes=\(output.count) "
            + "digest=\(String(digest, radix: 16)) seconds=\(wall) cpu=\(cpu)")
    }

    /// The header, a row per person and a not-found row per tenth person, as the runtime writes them.
    @inline(never)
    static func renderRows(_ persons: [PersonDisclosure], _ renderer: CSVRenderer) -> [UInt8] {
        var output = renderer.header()
        for (index, person) in persons.enumerated() {
            output += renderer.row(person).bytes
            if index % 10 == 0 { output += renderer.notFoundRow(hetu: person.hetu) }
        }
        return output
    }
}
