import ServiceLifecycle
import VTJCore

/// The sandbox as a ServiceLifecycle service: started by the commands that answer from it (`demo`,
/// `sandbox`, `run` and `check` with `vtj.sandbox: true` or no configuration), in the same
/// `ServiceGroup` as the daemon, and stopped at the group's graceful shutdown (the daemon's
/// services stop first: it is listed first so it is stopped last).
public struct SandboxService: Service {
    public let server: SandboxServer

    public init(server: SandboxServer) { self.server = server }

    public func run() async throws {
        try await server.start()  // a no-op when the command started it already to learn its address
        try? await gracefulShutdown()
        await server.shutdown()
    }
}

extension SandboxServer {
    /// Where a client speaking `wire` reaches this sandbox once serving: the SOAP query interface
    /// at the root (as at a security server), the REST wires under `/api/v1`.
    public func url(for wire: WireKind) -> String? { wire == .soap ? soapURL : baseURL }
}
