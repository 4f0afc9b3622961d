import VTJCore

/// Why the appliance refuses to start with the configuration it was given.
package enum ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order; the appliance must not run with any of them.
    case invalid(source: String, problems: [ConfigurationProblem])

    /// The problems, one per line, under a heading naming the source.
    package var description: String {
        switch self {
        case .invalid(let source, let problems):
            let noun = problems.count == 1 ? "problem" : "problems"
            return (["configuration \(source): \(problems.count) \(noun); fix them and start again:"]
                + problems.map { "  - \($0)" }).joined(separator: "\n")
        }
    }

    /// The problems listed.
    package var problems: [ConfigurationProblem] {
        switch self {
        case .invalid(_, let problems): problems
        }
    }
}
