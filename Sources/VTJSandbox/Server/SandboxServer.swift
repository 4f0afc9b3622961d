import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import VTJCore

/// The simulated interface on loopback: start it in-process (``start()`` / ``shutdown()``) or run
/// it as a ServiceLifecycle service (``run()``).
///
/// ```swift
/// let server = SandboxServer(configuration: SandboxConfiguration(population: 500))
/// let port = try await server.start()           // ephemeral port
/// // … talk to server.baseURL ("http://127.0.0.1:<port>/api/v1") …
/// await server.shutdown()
/// ```
public final class SandboxServer: Service, Sendable {
    /// What the server was started with (faults and credentials may have changed since).
    public let configuration: SandboxConfiguration
    /// The live register (population, change log, hidden clock).
    public let registry: SandboxRegistry
    let core: SandboxCore
    private let logger: Logger
    private let runtime = Mutex(Runtime())

    private struct Runtime {
        var port: Int?
        var group: ServiceGroup?
        var task: Task<Void, Never>?
        var ticker: Task<Void, Never>?
    }

    /// Generates the population (and `historyDays` of changes) now; serving starts later.
    public convenience init(configuration: SandboxConfiguration = SandboxConfiguration(), logger: Logger? = nil) {
        let population = SandboxPopulation(serving: configuration)
        let registry = SandboxRegistry(population: population, baseKey: configuration.baseKey, changesPerDay: configuration.changesPerDay)
        if configuration.historyDays > 0 { registry.advance(days: configuration.historyDays) }
        self.init(configuration: configuration, registry: registry, logger: logger)
    }

    /// Serves an existing registry (several servers, or a test that prepared one).
    public init(configuration: SandboxConfiguration, registry: SandboxRegistry, logger: Logger? = nil) {
        self.configuration = configuration
        self.registry = registry
        self.core = SandboxCore(configuration: configuration, registry: registry)
        var log = logger ?? Logger(label: "vtjdrop.sandbox")
        if logger == nil { log.logLevel = .warning }
        self.logger = log
    }

    /// The bound port once serving.
    public var port: Int? { runtime.withLock { $0.port } }

    /// `http://<host>:<port>/api/v1` once serving.
    public var baseURL: String? { port.map { "http://\(configuration.host):\($0)/api/v1" } }

    /// `http://<host>:<port>/`, the SOAP query interface's endpoint, once serving.
    public var soapURL: String? { port.map { "http://\(configuration.host):\($0)/" } }

    /// `http://<host>:<port>/admin` once serving.
    public var adminURL: String? { port.map { "http://\(configuration.host):\($0)/admin" } }

    /// Starts serving in the background; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        if let port { return port }
        let (stream, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = application { port in continuation.yield(.success(port)) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do {
                try await group.run()
                continuation.yield(.failure(SandboxServerError.stoppedBeforeServing))
            } catch {
                continuation.yield(.failure(SandboxServerError.cannotServe(String(describing: error))))
            }
            continuation.finish()
        }
        let ticker = startTicker()
        runtime.withLock {
            $0.group = group
            $0.task = task
            $0.ticker = ticker
        }
        for await result in stream {
            return try result.get()
        }
        throw SandboxServerError.stoppedBeforeServing
    }

    /// Stops a server started with ``start()`` and waits until the port is closed.
    public func shutdown() async {
        let (group, task, ticker) = runtime.withLock { ($0.group, $0.task, $0.ticker) }
        ticker?.cancel()
        await group?.triggerGracefulShutdown()
        await task?.value
        runtime.withLock { $0 = Runtime() }
    }

    /// Serves until the surrounding ServiceGroup shuts down gracefully or the task is cancelled.
    public func run() async throws {
        let ticker = startTicker()
        defer { ticker?.cancel() }
        try await application { _ in }.run()
    }

    /// The hidden clock's wall-time ticker, when ``SandboxConfiguration/secondsPerDay`` is set.
    private func startTicker() -> Task<Void, Never>? {
        guard let seconds = configuration.secondsPerDay, seconds > 0 else { return nil }
        let registry = self.registry
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                if Task.isCancelled { break }
                registry.advance(days: 1)
            }
        }
    }

    private func application(onPort: @escaping @Sendable (Int) -> Void) -> some Service {
        Application(
            responder: SandboxResponder(core: core),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "vtjdrop-sandbox"),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? 0
                self.runtime.withLock { $0.port = port }
                onPort(port)
            },
            logger: logger)
    }

    static func todayUTC() -> CivilDate {
        CivilDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

/// Why the sandbox could not serve.
public enum SandboxServerError: Error, Sendable, CustomStringConvertible {
    case cannotServe(String)
    case stoppedBeforeServing

    public var description: String {
        switch self {
        case .cannotServe(let reason): "sandbox cannot serve: \(reason); choose another --port or check the host"
        case .stoppedBeforeServing: "sandbox stopped before it began serving"
        }
    }
}
