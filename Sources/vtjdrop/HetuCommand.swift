import ArgumentParser
import VTJCore

/// `vtjdrop hetu`: validates henkilötunnus values from arguments or standard input.
struct HetuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hetu",
        abstract: "Validate henkilötunnus values (arguments, or standard input one per line).",
        discussion: "Prints OK with birth date, sex and test flag, or the reason for rejection. Exits 0 only when every value is valid."
    )

    @Argument(help: "Values to check; without any, lines are read from standard input.")
    var values: [String] = []

    func run() throws {
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
