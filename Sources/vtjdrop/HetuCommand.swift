import ArgumentParser
import Foundation
import VTJCore
import VTJDrop
import VTJSandbox

/// `vtjdrop hetu`: validates henkilötunnus values from arguments, standard input or a file read
/// exactly as intake reads a drop; or generates test values.
struct HetuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hetu",
        abstract: "Validate henkilötunnus values, or check a list file exactly as a drop of it would be read.",
        discussion: """
            vtjdrop hetu VALUE…       checks each value: OK with birth date, sex and test flag, or the reason.
            vtjdrop hetu FILE         reads the file with the appliance's own reader (encodings, delimiters, header
                                      or a henkilötunnus column found by content, workbooks, request documents) and
                                      prints what a drop of it would ask for and refuse, line by line.
            vtjdrop hetu --generate N prints N valid test henkilötunnus (individual number 900–999); --seed repeats them.
                                      These are valid codes, but the built-in sandbox knows none of them: to try
                                      the sandbox (vtj.sandbox: true, vtjdrop sandbox), add --sandbox, which
                                      prints N persons of the population it serves today (found, with data).
            Values are printed in full: the tool runs on the operator's terminal for the clerk's own file.
            It writes no log. Exit 0 only when every value is valid.
            """
    )

    @Argument(help: "Values to check, or one file to read as a drop; without any, lines are read from standard input.")
    var values: [String] = []

    @Option(name: .long, help: "Print this many valid test henkilötunnus instead of checking anything.")
    var generate: Int?

    @Option(name: .long, help: "Seed for --generate: the same seed prints the same values.")
    var seed: UInt64?

    @Flag(name: .long, help: "With --generate: print persons of the built-in sandbox's population (vtj.sandbox: true, vtjdrop sandbox with its default --population and --seed), so the sandbox finds them.")
    var sandbox = false

    func run() throws {
        if let generate {
            guard generate > 0 else { throw ValidationError("--generate needs a positive count") }
            let seed = seed ?? UInt64.random(in: 0...UInt64.max)
            let values: [String]
            if sandbox {
                let population = SandboxPopulation(serving: SandboxConfiguration())
                guard generate <= population.size else {
                    throw ValidationError("the built-in sandbox's population holds \(population.size) persons; ask for at most that many")
                }
                values = population.sampleHetus(count: generate, seed: seed)
            } else {
                values = Henkilotunnus.testValues(count: generate, seed: seed)
            }
            for value in values { print(value) }
            return
        }
        if sandbox { throw ValidationError("--sandbox goes with --generate") }
        if values.count == 1, FileManager.default.fileExists(atPath: values[0]) {
            guard try HetuFileReport(path: values[0]).printReport() else { throw ExitCode(1) }
            return
        }
        var allValid = true
        var sawAny = false
        func check(_ raw: String, label: String) {
            sawAny = true
            let reading = Henkilotunnus.read(raw)
            switch reading.result {
            case .success(let code):
                var line = "\(label)\tOK\t\(code.birthDate)\t\(code.sex.rawValue)"
                line += code.isTemporary ? "\ttesti/tilapäinen" : "\t-"
                for warning in reading.warnings { line += "\twarning: \(warning)" }
                print(line)
            case .failure(let error):
                allValid = false
                print("\(label)\tERROR\t\(error)")
            }
        }
        if values.isEmpty {
            var number = 0
            while let line = readLine(strippingNewline: true) {
                number += 1
                let trimmed = line.trimmingCharacters(in: [" ", "\t", "\r", "\u{FEFF}"])
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                check(line, label: "line \(number): \(trimmed)")
            }
        } else {
            for value in values { check(value, label: value) }
        }
        if !sawAny {
            throw ValidationError("no values given: pass them as arguments or one per line on standard input")
        }
        if !allValid { throw ExitCode(1) }
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
