// vtjdrop-bench: the parse benchmark's halves (scripts/bench-parse runs them).
//   vtjdrop-bench generate-perustiedot PERSONS FILE [SEED]       — a realistic perustiedotVastaus
//   vtjdrop-bench parse-perustiedot FILE                         — stream it through ResponseReader
//   vtjdrop-bench generate-perustiedot-json PERSONS FILE [SEED]  — the same persons on DVV's JSON wire
//   vtjdrop-bench parse-perustiedot-json FILE [streaming|serialization|decoder]
//                                                                — VTJJSON's streaming reader, or Foundation's two ways
//   vtjdrop-bench write-xlsx ROWS FILE [SEED] | write-csv …        — a 25-column result (scripts/bench-xlsx)
//   vtjdrop-bench render-csv ROWS [PROFILE [FILE [SEED]]]         — CSV rows of disclosed persons (scripts/bench-render)
//   vtjdrop-bench disclose PERSONS [PROFILE [SEED]]                — parsed persons through DisclosureRules (scripts/bench-disclose)
//   vtjdrop-bench parse-request FILE [--no-limits]               — a request drop through RequestDocumentReader (scripts/bench-request)
//   vtjdrop-bench prepare PERSONS [PROFILE [FORMAT [SEED]]]      — parsed persons through the result sink (scripts/bench-prepare)
// FILE may be /dev/stdout and /dev/stdin, to stream a body of any size through a pipe.
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VTJCore
import VTJJSON
import VTJXML

/// Seconds on `which` (`CLOCK_MONOTONIC` for wall time, `CLOCK_PROCESS_CPUTIME_ID` for CPU), as every case times itself.
func clockSeconds(_ which: clockid_t) -> Double {
    var clock = timespec()
    clock_gettime(which, &clock)
    return Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    let line = Array("vtjdrop-bench: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

/// The whole file at `path` (a case's input or output), or the run ends naming it.
func fileBytes(_ path: String) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { fail("cannot open \(path)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += chunk[0..<count]
    }
    return bytes
}

let arguments = CommandLine.arguments.dropFirst()

/// `PERSONS FILE [SEED]` of a generate command: the count, the opened file and the population.
func generation(_ command: String) -> (count: Int, path: String, fd: Int32, population: BenchPopulation) {
    let rest = Array(arguments.dropFirst())
    guard rest.count >= 2, let count = Int(rest[0]), count >= 0 else { fail("usage: \(command) PERSONS FILE [SEED]") }
    let seed = rest.count > 2 ? UInt64(rest[2]) ?? 1 : 1
    let fd = open(rest[1], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { fail("cannot create \(rest[1])") }
    return (count, rest[1], fd, BenchPopulation(seed: seed))
}

switch arguments.first {
case "generate-perustiedot":
    var (count, path, fd, population) = generation("generate-perustiedot")
    do {
        let writer = try XMLWriter(fileDescriptor: fd, documentName: path)
        writer.startDocument()
        writer.startElement("perustiedotVastaus")
        writer.attribute("ajanTasalla", "true")
        for index in 0..<count { ResponseXML.writePerson(population.person(index), to: writer) }
        writer.endElement()
        try writer.endDocument()
    } catch {
        fail("\(error)")
    }
    // (A pipe cannot be fsynced: EINVAL is fine there.)
    guard fsync(fd) == 0 || errno == EINVAL, close(fd) == 0 else { fail("cannot finish \(path)") }

case "parse-perustiedot":
    guard let path = arguments.dropFirst().first else { fail("usage: parse-perustiedot FILE") }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { fail("cannot open \(path)") }
    let started = clockSeconds(CLOCK_MONOTONIC)
    var persons = 0
    var records = 0
    var fields = 0
    do {
        let reader = try ResponseReader(fileDescriptor: fd, documentName: path)
        _ = try reader.readPerustiedot { person in
            persons += 1
            records += person.records.count
            for record in person.records { fields += record.fields.count }
        }
    } catch {
        fail("\(error)")
    }
    let seconds = clockSeconds(CLOCK_MONOTONIC) - started
    print("persons=\(persons) records=\(records) fields=\(fields) seconds=\(seconds)")

case "generate-perustiedot-json":
    var (count, path, fd, population) = generation("generate-perustiedot-json")
    let writer = JSONWriter(fileDescriptor: fd)
    writer.beginObject()
    writer.key("perustiedot")
    writer.beginArray()
    for index in 0..<count { JSONResponseWriter.writePerson(population.person(index), to: writer) }
    writer.endArray()
    writer.key("ajanTasalla")
    writer.bool(true)
    writer.endObject()
    guard writer.flush(), fsync(fd) == 0 || errno == EINVAL, close(fd) == 0 else { fail("cannot finish \(path)") }

case "parse-perustiedot-json":
    let rest = Array(arguments.dropFirst())
    guard let path = rest.first else { fail("usage: parse-perustiedot-json FILE [streaming|serialization|decoder]") }
    let mode = rest.count > 1 ? rest[1] : "streaming"
    let started = clockSeconds(CLOCK_MONOTONIC)
    var persons = 0
    var records = 0
    var fields = 0
    let count: (Person) -> Void = { person in
        persons += 1
        records += person.records.count
        for record in person.records { fields += record.fields.count }
    }
    do {
        switch mode {
        case "streaming":
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { fail("cannot open \(path)") }
            _ = try JSONResponseReader(fileDescriptor: fd, documentName: path).readPerustiedot(count)
        case "serialization":
            try FoundationJSONPages.serialization(try Data(contentsOf: URL(fileURLWithPath: path)), onPerson: count)
        case "decoder":
            try FoundationJSONPages.decoder(try Data(contentsOf: URL(fileURLWithPath: path)), onPerson: count)
        default:
            fail("mode is streaming, serialization or decoder")
        }
    } catch {
        fail("\(error)")
    }
    let seconds = clockSeconds(CLOCK_MONOTONIC) - started
    print("persons=\(persons) records=\(records) fields=\(fields) seconds=\(seconds)")

case "parse-request":
    // A drop's request document through RequestDocumentReader (the byte scan of its bounds, then
    // libxml2); --no-limits lifts the bounds, to time what libxml2 alone would cost.
    let rest = Array(arguments.dropFirst())
    guard let path = rest.first else { fail("usage: parse-request FILE [--no-limits]") }
    let bytes = fileBytes(path)
    var limits = RequestDocumentLimits()
    if rest.contains("--no-limits") {
        limits.maximumBytes = .max
        limits.maximumElements = .max
        limits.maximumAttributes = .max
        limits.maximumAttributesPerElement = .max
        limits.maximumDepth = .max
        limits.maximumDistinctNames = .max
        limits.maximumNameLength = .max
    }
    let started = clockSeconds(CLOCK_MONOTONIC)
    let outcome: String
    do {
        let request = try RequestDocumentReader(limits: limits).read(bytes, file: path)
        outcome = "accepted hetus=\(request.hetus.count)"
    } catch {
        outcome = "refused \(String(error.reason.prefix(80)))"
    }
    print("bytes=\(bytes.count) seconds=\(clockSeconds(CLOCK_MONOTONIC) - started) \(outcome)")

case "write-xlsx", "write-csv":
    let rest = Array(arguments.dropFirst())
    guard rest.count >= 2, let rows = Int(rest[0]), rows >= 0 else { fail("usage: \(arguments.first!) ROWS FILE [SEED]") }
    BenchSheet.run(format: arguments.first == "write-xlsx" ? "xlsx" : "csv", rows: rows, path: rest[1],
                   seed: rest.count > 2 ? UInt64(rest[2]) ?? 1 : 1)

case "render-csv":
    let rest = Array(arguments.dropFirst())
    guard let rows = rest.first.flatMap({ Int($0) }), rows >= 0 else { fail("usage: render-csv ROWS [all|eleven|narrow [FILE [SEED]]]") }
    BenchRender.run(rows: rows, profile: rest.count > 1 ? rest[1] : "all", path: rest.count > 2 && rest[2] != "-" ? rest[2] : nil,
                    seed: rest.count > 3 ? UInt64(rest[3]) ?? 1 : 1)

case "prepare":
    let rest = Array(arguments.dropFirst())
    guard let persons = rest.first.flatMap({ Int($0) }), persons >= 0 else { fail("usage: prepare PERSONS [all|eleven|narrow [csv|xml|xlsx [SEED]]]") }
    guard let format = OutputFormat(rawValue: rest.count > 2 ? rest[2] : "csv") else { fail("FORMAT is csv, xml or xlsx") }
    BenchPrepare.run(persons: persons, profile: rest.count > 1 ? rest[1] : "eleven", format: format,
                     seed: rest.count > 3 ? UInt64(rest[3]) ?? 1 : 1)

case "disclose":
    let rest = Array(arguments.dropFirst())
    guard let persons = rest.first.flatMap({ Int($0) }), persons >= 0 else { fail("usage: disclose PERSONS [all|eleven|narrow [SEED]]") }
    BenchDisclose.run(persons: persons, profile: rest.count > 1 ? rest[1] : "eleven", seed: rest.count > 2 ? UInt64(rest[2]) ?? 1 : 1)

default:
    fail("usage: vtjdrop-bench generate-perustiedot[-json] PERSONS FILE [SEED] | parse-perustiedot FILE | parse-perustiedot-json FILE [MODE] | write-xlsx|write-csv ROWS FILE [SEED]"
        + " | render-csv ROWS [PROFILE [FILE [SEED]]] | disclose PERSONS [PROFILE [SEED]] | parse-request FILE [--no-limits]"
        + " | prepare PERSONS [PROFILE [FORMAT [SEED]]]")
}
