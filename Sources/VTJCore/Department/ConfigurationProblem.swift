/// One thing wrong in the department configuration, naming the key (`departments.kirjasto.groups[2]`).
public struct ConfigurationProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The dotted key path with list indexes, as the operator sees it in the YAML file.
    public var key: String
    /// What is wrong and what to do.
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}

/// Every problem found in a configuration at once.
public struct ConfigurationProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(_ problems: [ConfigurationProblem]) { self.problems = problems }

    public var description: String {
        "\(problems.count) configuration problem(s): " + problems.map(\.description).joined(separator: "; ")
    }
}
