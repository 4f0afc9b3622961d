import Foundation
import VTJCore

extension ConfigurationProblem {
    /// A problem at a key path, with the YAML line appended when known (`… (line 12)`).
    init(keyPath: String, message: String, line: Int? = nil) {
        self.init(key: keyPath, message: message + (line.map { " (line \($0))" } ?? ""))
    }

    /// The YAML line this problem points at, when it has one.
    var line: Int? {
        guard message.hasSuffix(")"), let open = message.range(of: " (line ", options: .backwards) else { return nil }
        return Int(message[open.upperBound...].dropLast())
    }
}

extension [ConfigurationProblem] {
    /// Problems with a YAML line in file order first, then the rest (environment, absent keys) as found.
    func inFileOrder() -> [ConfigurationProblem] {
        enumerated().sorted { a, b in
            switch (a.element.line, b.element.line) {
            case let (x?, y?): (x, a.offset) < (y, b.offset)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)
    }
}
