import ArgumentParser
import Foundation
import Glibc
import VTJDrop

/// `vtjdrop check-config FILE`: validates a configuration without touching anything.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file (and the credentials in the environment) without touching any folder.",
        discussion: """
            Reads FILE and the credential variables exactly as `vtjdrop run` would, lists every problem at once, \
            and says whether the folder roots exist (the daemon refuses to start without them). It creates, \
            locks and writes nothing and does not contact the interface. Exit status 0 when the \
            configuration can run, 2 otherwise.
            """
    )

    @Argument(help: "The configuration file (YAML).") var file: String

    func run() throws {
        let loaded: ConfigurationLoader.Loaded
        do {
            loaded = try ConfigurationLoader.load(overrides: ConfigurationOverrides(configFile: file))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        for warning in loaded.warnings { print("warning: \(warning)") }
        let configuration = loaded.configuration
        for line in configuration.summary { print(line) }
        var missing: [String] = []
        for (name, path) in [("inbox", configuration.inbox), ("outbox", configuration.outbox), ("state", configuration.state)] {
            var info = stat()
            if stat(path, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
                missing.append("the \(name) folder \(path) does not exist or is not a folder; create it before starting")
            }
        }
        for problem in missing { printError("problem: \(problem)") }
        guard missing.isEmpty else { throw ExitCode(2) }
        print("configuration \(configuration.source) is valid")
    }
}
