import ServiceLifecycle

/// The daemon as a ServiceLifecycle service: SIGTERM stops claiming and lets in-flight drops finish.
package struct ApplianceService: Service {
    package let runner: ApplianceRunner

    package init(runner: ApplianceRunner) { self.runner = runner }

    package func run() async throws {
        await withGracefulShutdownHandler {
            await runner.runDaemon()
        } onGracefulShutdown: {
            runner.requestStop()
        }
    }
}
