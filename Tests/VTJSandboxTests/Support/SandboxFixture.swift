import VTJCore
import VTJSandbox

/// Starts a sandbox on an ephemeral loopback port for the duration of `body`.
func withSandbox<T>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(population: 400, referenceDate: testToday),
    _ body: (SandboxServer, LoopbackHTTP) async throws -> T
) async throws -> T {
    let server = SandboxServer(configuration: configuration)
    let port = try await server.start()
    do {
        let result = try await body(server, LoopbackHTTP(port: port))
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// A fixed "today" so every run generates the same population.
let testToday = CivilDate(year: 2026, month: 11, day: 26)!
