import Foundation
import VTJCore

/// Reads the file (if any), applies the flags, reads the credentials, validates: the one call the CLI makes.
package enum ConfigurationLoader {
    /// Environment variable naming the configuration file when `--config` is not given.
    package static let configVariable = "VTJDROP_CONFIG"

    /// A configuration ready to run, with warnings worth logging at startup.
    package struct Loaded: Sendable {
        /// The validated configuration.
        package let configuration: DropConfiguration
        /// Things that work but deserve the operator's attention (e.g. a world-readable password file).
        package let warnings: [ConfigurationProblem]
    }

    /// Loads and validates everything, or throws one error listing every problem.
    ///
    /// Order of precedence: flags, then the file (`--config`, else `VTJDROP_CONFIG`), then defaults.
    /// Without a file the built-in sandbox and the example departments are used.
    /// - Parameter needsInterface: false for commands that only read the state (`status`, `audit`):
    ///   missing credentials are then not a problem.
    package static func load(
        overrides: ConfigurationOverrides,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        needsInterface: Bool = true
    ) throws(ConfigurationError) -> Loaded {
        let file = overrides.configFile ?? environment[configVariable].flatMap { $0.isEmpty ? nil : $0 }
        var document = ConfigurationDocument()
        if let file {
            let path = ConfigurationValidator.absolute(file, base: workingDirectory, workingDirectory: workingDirectory)
            document = ConfigurationDocument.read(file: path)
        }
        return try validate(document.merging(overrides, workingDirectory: workingDirectory),
                            environment: environment, workingDirectory: workingDirectory, needsInterface: needsInterface)
    }

    /// Validates an already-merged document (tests, or callers that build the document themselves).
    package static func validate(
        _ document: ConfigurationDocument, environment: [String: String], workingDirectory: String,
        needsInterface: Bool = true
    ) throws(ConfigurationError) -> Loaded {
        if document.isUnreadable {
            throw .invalid(source: document.origin ?? "built-in defaults", problems: document.problems)
        }
        var validator = ConfigurationValidator(document: document, environment: environment,
                                               workingDirectory: workingDirectory, needsInterface: needsInterface)
        let outcome = validator.validate()
        guard let configuration = outcome.configuration, outcome.problems.isEmpty else {
            throw .invalid(source: document.origin ?? "built-in defaults", problems: outcome.problems.inFileOrder())
        }
        return Loaded(configuration: configuration, warnings: outcome.warnings)
    }
}
