import Foundation
import Logging
import VTJClient
import VTJCore

/// Builds a running appliance from a validated configuration: the state lock, the database, the
/// client (to the configured URL, or to the built-in sandbox the command started), and the runner.
package final class ApplianceHost: Sendable {
    package let appliance: Appliance
    package let runner: ApplianceRunner
    private let lock: StateLock

    /// Starts what the configuration needs; nothing is claimed yet.
    /// - Parameter builtIn: the built-in sandbox's address, required when the configuration's
    ///   interface is the sandbox (`vtj.sandbox: true`, or no configuration).
    package static func start(configuration: DropConfiguration, logger: Logger, clock: any WallClock = SystemWallClock(),
                             monotonic: any MonotonicClock = SystemMonotonicClock(),
                             builtIn: BuiltInInterface? = nil,
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

        let baseURL: String
        var credentials = configuration.credentials
        var municipalityCodes = configuration.interface.municipalityCodes
        switch configuration.interface.endpoint {
        case .remote(let url):
            baseURL = url
        case .sandbox:
            guard let builtIn else {
                throw PipelineError.setup("the configuration names the built-in sandbox, which this command does not start; set vtj.url")
            }
            baseURL = builtIn.url
            credentials = builtIn.credentials
            // The built-in sandbox is licensed for one municipality; the JSON wire must name it.
            if municipalityCodes.isEmpty { municipalityCodes = [builtIn.licensedMunicipality] }
            logger.notice("built-in sandbox started: results and receipts are marked \(ReceiptRenderer.testDataMark) (invented test persons, not the population register)",
                          metadata: ["url": "\(baseURL)", "wire": "\(configuration.interface.wire)"])
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
        return ApplianceHost(appliance: appliance, runner: runner, lock: lock)
    }

    private init(appliance: Appliance, runner: ApplianceRunner, lock: StateLock) {
        self.appliance = appliance
        self.runner = runner
        self.lock = lock
    }

    /// Ends the host's part once the runner has returned: its own threads — the inotify reader, the
    /// drops' walk and read threads (a read a stop interrupted is waited for until its work ends) — and
    /// the client's workers are each waited for until they have exited, so the program's `exit()`
    /// never runs library cleanup (libxml2's, OpenSSL's) beside one still ending
    /// (``OwnThreads``, ``VTJInterfaceClient/shutdown()``); the lock is released when the host goes
    /// away. The sandbox, if any, is its command's service.
    package func shutdown() async {
        let watcher = runner.hints?.stopAndJoin() ?? OwnThreads.Counts()
        let drops = appliance.threads.joinAll()
        appliance.client.shutdown()
        // Each count of ended is the thread's own marker, set as its body returned: all equal here.
        appliance.logger.debug("own threads joined before exit", metadata: ["inotify": "\(watcher)", "drops": "\(drops)"])
        _ = lock
    }
}
