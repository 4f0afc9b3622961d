import VTJCore
import VTJSandbox
import VTJTestSupport

/// Starts a sandbox on an ephemeral loopback port for the duration of `body`, with a raw HTTP client for it.
func withSandbox<T>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(population: 400, referenceDate: testToday),
    _ body: (SandboxServer, LoopbackHTTP) async throws -> T
) async throws -> T {
    try await withRunningSandbox(configuration) { server, port in try await body(server, LoopbackHTTP(port: port)) }
}

/// A fixed "today" so every run generates the same population.
let testToday = CivilDate(year: 2026, month: 11, day: 26)!
