import ArgumentParser

/// The `vtjdrop` command line.
@main
struct VTJDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vtjdrop",
        abstract: "File-drop gateway between municipal departments and the VTJ population-data interface.",
        subcommands: [HetuCommand.self, DemoCommand.self]
    )
}
