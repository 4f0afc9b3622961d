import Foundation

/// Runs a program to its end and captures what it wrote, without holding a thread of the test
/// runner's cooperative pool.
///
/// The pool has as many threads as cores (two here): a test blocked in `waitUntilExit` or a pipe
/// read starved every other test, and timing-sensitive daemon tests then failed only in the full
/// suite. So the wait happens on a Dispatch thread behind an `async` function, and both pipes are
/// drained at once so a chatty program never blocks on a full pipe.
public enum ChildProcess {
    /// How a program ended and what it wrote.
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdoutData: Data
        public let stderrData: Data
        public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    }

    /// The program could not be started, or ended with a status other than 0 (``output(_:_:stdin:)``).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `executable` (a path, or a name looked up on `PATH` through `/usr/bin/env`) to its end.
    /// - Parameters:
    ///   - stdin: written to the program's standard input, which is then closed (nil: closed at once).
    ///   - environment: the program's whole environment (nil: this process's).
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try runBlocking(executable, arguments, stdin: stdin, environment: environment,
                                    currentDirectory: currentDirectory)
                })
            }
        }
    }

    /// Runs one of the repository's Python checks (`scripts/<name>`) from the repository's root.
    public static func script(_ name: String, _ arguments: [String] = []) async throws -> Outcome {
        try await run("python3", [repositoryRoot + "/scripts/" + name] + arguments, currentDirectory: repositoryRoot)
    }

    /// Runs a program to its end and returns its standard output; throws with its stderr when it fails.
    @discardableResult
    public static func output(_ executable: String, _ arguments: [String], stdin: Data? = nil) async throws -> Data {
        let outcome = try await run(executable, arguments, stdin: stdin)
        guard outcome.status == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (\(outcome.status)): "
                + outcome.stderr)
        }
        return outcome.stdoutData
    }

    /// The blocking run, for a caller already on a thread of its own (never the cooperative pool).
    public static func runBlocking(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> Outcome {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable) (\(error)); .ci/run installs what the tests use")
        }
        // Feed stdin and drain stderr beside the stdout read, so neither side waits on a full pipe.
        let errorData = Locked<Data>(Data())
        let helpers = DispatchGroup()
        DispatchQueue.global().async(group: helpers) {
            errorData.value = errors.fileHandleForReading.readDataToEndOfFile()
        }
        DispatchQueue.global().async(group: helpers) {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        helpers.wait()
        return Outcome(status: process.terminationStatus, stdoutData: data, stderrData: errorData.value)
    }
}
