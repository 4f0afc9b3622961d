import Foundation
import VTJTestSupport

/// Runs the built `vtjdrop` binary (it sits beside the test bundle) and captures its output.
enum VTJDropBinary {
    typealias Outcome = ChildProcess.Outcome

    static var url: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On Linux the runner is `<bin>/vtjdropPackageTests.xctest`; elsewhere a bundle inside `<bin>`.
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("vtjdrop").path),
              directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("vtjdrop")
    }

    /// The binary run to its end on a thread of its own: waiting for a binary that runs for seconds
    /// must not hold one of the few threads every other test's tasks share.
    static func runDetached(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                            currentDirectory: String? = nil) async throws -> Outcome {
        try await ChildProcess.run(url.path, arguments, stdin: stdin.map { Data($0.utf8) }, environment: environment,
                                   currentDirectory: currentDirectory)
    }
}
