import ArgumentParser

/// `vtjdrop demo`: the whole walk on the built-in sandbox.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the appliance end to end against the built-in sandbox."
    )

    func run() async throws {
        print("vtjdrop demo: not yet available — the runtime (issue 5) is still being built.")
        print("What works today: `swift run vtjdrop hetu 010594Y9032 010594Y9033`.")
    }
}
