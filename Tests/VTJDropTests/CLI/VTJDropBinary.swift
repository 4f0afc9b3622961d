import Foundation

/// Runs the built `vtjdrop` binary (it sits beside the test bundle) and captures its output.
enum VTJDropBinary {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

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

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                    currentDirectory: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdoutData, as: UTF8.self),
                       stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// ``run(_:stdin:environment:currentDirectory:)`` on a thread of its own: waiting for a binary
    /// that runs for seconds must not hold one of the few threads every other test's tasks share.
    static func runDetached(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                            currentDirectory: String? = nil) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try run(arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory)
                })
            }
        }
    }
}
