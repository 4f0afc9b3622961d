import ArgumentParser
import VTJDrop

/// The `vtjdrop` command line.
@main
struct VTJDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vtjdrop",
        abstract: "File-drop gateway between municipal departments and the VTJ population-data interface.",
        version: VTJDropVersion.number,
        subcommands: [RunCommand.self, CheckCommand.self, HetuCommand.self, DemoCommand.self, SandboxCommand.self, AuditCommand.self,
                      StatusCommand.self, RetryCommand.self, CheckConfigCommand.self]
    )
}
