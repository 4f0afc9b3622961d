import VTJDrop
import VTJSandbox

/// The built-in sandbox for the commands that answer from it (`run`, `demo`, `check` with
/// `vtj.sandbox: true` or no configuration): started here to learn its address, then run as a
/// ``SandboxService`` in the command's service group (or stopped by the command when it is done).
struct BuiltInSandbox {
    let server: SandboxServer
    let interface: BuiltInInterface

    /// Starts the sandbox when the configuration's interface is the built-in one; nil for a remote interface.
    static func start(for configuration: DropConfiguration,
                      _ sandboxConfiguration: SandboxConfiguration = SandboxConfiguration()) async throws -> BuiltInSandbox? {
        guard configuration.interface.endpoint == .sandbox else { return nil }
        let server = SandboxServer(configuration: sandboxConfiguration)
        try await server.start()
        guard let url = server.url(for: configuration.interface.wire) else {
            await server.shutdown()
            throw PipelineError.setup("the built-in sandbox did not report its port")
        }
        return BuiltInSandbox(server: server, interface: BuiltInInterface(
            url: url, user: sandboxConfiguration.user, password: sandboxConfiguration.password,
            licensedMunicipality: sandboxConfiguration.licensedMunicipality))
    }

    /// The service that keeps it serving beside the daemon and stops it at the graceful shutdown.
    var service: SandboxService { SandboxService(server: server) }
}
