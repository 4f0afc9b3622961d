import Foundation
import Logging
import VTJClient
import VTJCore
import VTJSandbox

/// Builds a running appliance from a validated configuration: the state lock, the database, the
/// built-in sandbox when no interface URL is configured, the client, and the runner.
public final class ApplianceHost: Sendable {
    public let appliance: Appliance
    public let runner: ApplianceRunner
    /// The in-process sandbox when `vtj.url` is absent.
    public let sandbox: SandboxServer?
    private let lock: StateLock

    /// Starts what the configuration needs; nothing is claimed yet.
    public static func start(configuration: DropConfiguration, logger: Logger, clock: any WallClock = SystemWallClock(),
                             monotonic: any MonotonicClock = SystemMonotonicClock(),
                             sandboxConfiguration: SandboxConfiguration = SandboxConfiguration(),
                             retryPolicy: RetryPolicy = RetryPolicy()) async throws -> ApplianceHost {
        if configuration.isBuiltInDefault {
            // The newcomer path (no configuration at all): ./inbox, ./outbox and ./state are made here.
            for folder in [configuration.inbox, configuration.outbox, configuration.state] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o750])
            }
        }
        // With a configuration file the roots must already exist: a missing one is usually an
        // unmounted share, and creating it would hide clerks' files from everyone.
        let roots = try FolderRoots(configuration: configuration)
        let lock = try StateLock(stateFolder: configuration.state)
        let database = try StateDatabase(stateFolder: configuration.state)

        var sandbox: SandboxServer?
        let baseURL: String
        var credentials = configuration.credentials
        var municipalityCodes = configuration.interface.municipalityCodes
        switch configuration.interface.endpoint {
        case .remote(let url):
            baseURL = url
        case .sandbox:
            let server = SandboxServer(configuration: sandboxConfiguration)
            try await server.start()
            // The SOAP query interface is served at the sandbox's root, as at a security server's.
            let served = configuration.interface.wire == .soap ? server.soapURL : server.baseURL
            guard let url = served else { throw PipelineError.setup("the built-in sandbox did not report its port") }
            baseURL = url
            credentials = InterfaceCredentials(user: sandboxConfiguration.user, password: Secret(sandboxConfiguration.password))
            // The built-in sandbox is licensed for one municipality; the JSON wire must name it.
            if municipalityCodes.isEmpty { municipalityCodes = [sandboxConfiguration.licensedMunicipality] }
            sandbox = server
            logger.notice("built-in sandbox started: results and receipts are marked \(ReceiptRenderer.testDataMark) (invented test persons, not the population register)",
                          metadata: ["url": "\(url)", "wire": "\(configuration.interface.wire)"])
        }
        let temporary = configuration.state + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let client = try VTJInterfaceClient(
            configuration: configuration.clientConfiguration(baseURL: baseURL, credentials: credentials, temporaryDirectory: temporary,
                                                             retryPolicy: retryPolicy, municipalityCodes: municipalityCodes),
            logger: logger)
        let appliance = try Appliance(configuration: configuration, database: database, client: client, clock: clock,
                                      monotonic: monotonic, logger: logger)
        try appliance.prepareFolders()
        let runner = try ApplianceRunner(appliance: appliance, roots: roots)
        return ApplianceHost(appliance: appliance, runner: runner, sandbox: sandbox, lock: lock)
    }

    private init(appliance: Appliance, runner: ApplianceRunner, sandbox: SandboxServer?, lock: StateLock) {
        self.appliance = appliance
        self.runner = runner
        self.sandbox = sandbox
        self.lock = lock
    }

    /// Stops the in-process sandbox (the lock is released when the host goes away).
    public func shutdown() async {
        await sandbox?.shutdown()
        _ = lock
    }
}
