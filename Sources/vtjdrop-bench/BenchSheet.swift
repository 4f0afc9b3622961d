#if canImport(Glibc)
import Glibc
#endif
import VTJCore
import VTJSheet

/// The xlsx benchmark's halves (scripts/bench-xlsx): the same disclosed rows written as a
/// workbook or as CSV through the project's CSV renderer. Only the rendering and writing is
/// timed (generating and disclosing the persons costs both the same and is left out).
enum BenchSheet {
    /// An address list for building control: 25 columns, with dates and codes.
    static let groups: [GroupName] = [.syntymapaiva, .henkilonNimi, .vakinainenKotimainenOsoite, .kotikunta]

    static func run(format: String, rows: Int, path: String, seed: UInt64) {
        let rules = DisclosureRules(groups: groups, purpose: .rakennusvalvonta, today: CivilDate(year: 2026, month: 11, day: 26)!)
        let csv = CSVRenderer(groups: groups)
        var population = BenchPopulation(seed: seed)
        var wall = 0.0
        var cpu = 0.0
        func measure<T>(_ body: () throws -> T) rethrows -> T {
            let (startWall, startCPU) = (clockSeconds(CLOCK_MONOTONIC), clockSeconds(CLOCK_PROCESS_CPUTIME_ID))
            defer {
                wall += clockSeconds(CLOCK_MONOTONIC) - startWall
                cpu += clockSeconds(CLOCK_PROCESS_CPUTIME_ID) - startCPU
            }
            return try body()
        }
        do {
            switch format {
            case "xlsx":
                let writer = try measure {
                    try XLSXWriter(path: path, columns: SheetColumn.columns(names: csv.columnNames, dates: csv.dateColumns))
                }
                for index in 0..<rows {
                    let person = rules.disclose(population.person(index))
                    try measure { try writer.append(csv.cells(person).cells) }
                }
                try measure { try writer.finish() }
            default:
                let file = try BenchFile(path: path)
                try measure { try file.append(csv.header()) }
                for index in 0..<rows {
                    let person = rules.disclose(population.person(index))
                    try measure { try file.append(csv.row(person).bytes) }
                }
                try measure { try file.finish() }
            }
        } catch {
            fail("\(error)")
        }
        var status = stat()
        _ = stat(path, &status)
        print("format=\(format) rows=\(rows) columns=\(csv.columnNames.count) bytes=\(status.st_size) seconds=\(wall) cpu=\(cpu)")
    }
}

/// A CSV result file written as the pipeline's pending file writes it: 64 KiB blocks.
final class BenchFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    struct Failure: Error { let message: String }

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw Failure(message: "cannot create \(path)") }
        buffer.reserveCapacity(64 * 1024)
    }

    func append(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 64 * 1024 { try flush() }
    }

    private func flush() throws {
        let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == buffer.count else { throw Failure(message: "short write") }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw Failure(message: "cannot finish the file") }
    }
}
