import VTJCore

extension ConfigurationProblem {
    /// A problem at a key path, with the YAML line appended when known (`… (line 12)`).
    init(keyPath: String, message: String, line: Int? = nil) {
        self.init(key: keyPath, message: message + (line.map { " (line \($0))" } ?? ""))
    }
}
