import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import VTJCore

/// The operator's HTTP endpoint as a ServiceLifecycle service: add it to the daemon's `ServiceGroup`.
///
/// ```swift
/// let server = OperatorServer(settings: settings, source: source, metrics: metrics, zone: finnishTime, logger: logger)
/// ServiceGroup(configuration: .init(services: [.init(service: server), .init(service: appliance)], logger: logger))
/// ```
/// Listed before the appliance, it is shut down after it, so the page shows the drain.
public final class OperatorServer: Service, Sendable {
    public let settings: OperatorSettings
    private let responder: OperatorResponder
    private let logger: Logger
    private let bound = Mutex<Int?>(nil)

    /// A server answering from `source`; `now` is the one clock health is judged by.
    public init(settings: OperatorSettings, source: any OperatorSnapshotSource, metrics: ApplianceMetrics,
                zone: any UTCOffsetRule, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.logger = logger
        self.responder = OperatorResponder(
            source: source, metrics: metrics, page: StatusPage(zone: zone),
            decision: HealthDecision(interfaceWindow: settings.interfaceWindow),
            credentials: settings.credentials, now: now)
    }

    /// The port bound, once listening (the configured one, or the kernel's pick for port 0).
    public var port: Int? { bound.withLock { $0 } }

    /// Serves until graceful shutdown or cancellation; throws ``OperatorServerError`` when it cannot listen.
    public func run() async throws {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(settings.listen.host, port: settings.listen.port), serverName: nil),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? settings.listen.port
                bound.withLock { $0 = port }
                var shown = settings.listen
                shown.port = port
                logger.notice("operator endpoint listening", metadata: [
                    "url": "\(shown.url)", "paths": "/ /metrics /healthz /readyz",
                    "authentication": "\(settings.credentials == nil ? "none (loopback)" : "HTTP Basic")",
                ])
            },
            logger: quiet)
        do {
            try await application.run()
        } catch {
            throw OperatorServerError.cannotListen(settings.listen, reason: "\(error)")
        }
    }
}

/// Why the operator's endpoint does not serve.
public enum OperatorServerError: Error, Sendable, CustomStringConvertible {
    /// Binding or serving failed (the port is taken, the address is not this machine's).
    case cannotListen(ListenAddress, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            "the operator endpoint cannot listen on \(address) (status.listen): \(reason); choose another port or stop what listens there"
        }
    }
}
