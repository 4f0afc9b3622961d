import VTJSandbox

/// Runs `body` against an in-process sandbox on an ephemeral loopback port, stopped when `body`
/// ends (also when it throws).
public func withRunningSandbox<T>(
    _ configuration: SandboxConfiguration, _ body: (SandboxServer, Int) async throws -> T
) async throws -> T {
    let server = SandboxServer(configuration: configuration)
    let port = try await server.start()
    do {
        let result = try await body(server, port)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}
