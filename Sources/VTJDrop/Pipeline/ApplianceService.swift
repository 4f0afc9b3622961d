import ServiceLifecycle

/// The daemon as a ServiceLifecycle service: SIGTERM stops claiming and lets in-flight drops finish.
public struct ApplianceService: Service {
    public let runner: ApplianceRunner

    public init(runner: ApplianceRunner) { self.runner = runner }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await runner.runDaemon()
        } onGracefulShutdown: {
            runner.requestStop()
        }
    }
}
