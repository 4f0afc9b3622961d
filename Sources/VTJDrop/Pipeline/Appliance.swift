import Foundation
import Logging
import Synchronization
import VTJClient
import VTJCore
import VTJOperator

/// Everything one drop's walk needs, built once at startup from a validated configuration.
public final class Appliance: Sendable {
    public let configuration: DropConfiguration
    public let database: StateDatabase
    public let client: VTJInterfaceClient
    public let clock: any WallClock
    public let finnishTime: FinnishTime
    public let logger: Logger
    /// `<state>/archive`, `<state>/quarantine`.
    public let mover: FileMover
    /// What `/metrics` exposes; the runtime reports events through ``Appliance`` (Appliance+Metrics).
    public let metrics: ApplianceMetrics
    /// Beats while the daemon works: each turn of its loop and each interface call within a long drop.
    public let heartbeat = LoopHeartbeat()
    /// The last problem reading the password file (logged once per change).
    private let credentialProblem = Mutex<String?>(nil)

    public init(configuration: DropConfiguration, database: StateDatabase, client: VTJInterfaceClient,
                clock: any WallClock = SystemWallClock(), logger: Logger, metrics: ApplianceMetrics? = nil) throws(PipelineError) {
        guard let finnishTime = FinnishTime() else {
            throw .setup("the time zone Europe/Helsinki is missing; install tzdata")
        }
        self.configuration = configuration
        self.database = database
        self.client = client
        self.clock = clock
        self.finnishTime = finnishTime
        self.logger = logger
        self.mover = FileMover(stateFolder: configuration.state)
        self.metrics = metrics ?? ApplianceMetrics(departments: configuration.departments.map(\.id))
        connectMetrics()
    }

    /// Reads the password file again and gives the client what it holds (the operator may have
    /// fixed it); a file that cannot be read keeps the credentials in use, and is logged once.
    public func reloadCredentials() {
        guard case .remote = configuration.interface.endpoint, configuration.credentials.passwordFile != nil else { return }
        switch configuration.credentials.reread() {
        case .success(let fresh):
            client.useCredentials(BasicCredentials(user: fresh.user, password: fresh.password.exposedForUse()))
            credentialProblem.withLock { $0 = nil }
        case .failure(let problem):
            let first = credentialProblem.withLock { last in
                defer { last = problem.description }
                return last != problem.description
            }
            if first { logger.error("cannot read the password file again; the credentials in use are kept", metadata: ["problem": "\(problem)"]) }
        }
    }

    /// Whether answers come from the built-in sandbox (test persons): results and receipts say so.
    public var answersWithTestData: Bool { configuration.interface.endpoint == .sandbox }

    /// The processing day in Finnish time: ages and ended records are judged on it.
    public var today: CivilDate { finnishTime.localDate(at: clock.instant()) }

    /// `inbox/<department>`.
    public func inboxFolder(_ department: String) -> String { configuration.inbox + "/" + department }

    /// The department's outbox publisher (results are visible only once complete).
    public func publisher(_ department: String) -> Publisher {
        Publisher(folder: configuration.outbox + "/" + department)
    }

    /// Claims of one department go to `<state>/claims/<department>/work/<id>/`, so the department
    /// is known from the path even when a crash comes between the claim and its journal record.
    public func claimer(_ department: String) -> Claimer {
        Claimer(stateFolder: Appliance.claimsFolder(state: configuration.state) + "/" + department,
                maximumFileBytes: configuration.intake.maxFileBytes)
    }

    /// `<state>/claims`.
    public static func claimsFolder(state: String) -> String { state + "/claims" }

    /// A logger carrying the request's id, department and file on every line.
    public func logger(request: String, department: String, file: String? = nil) -> Logger {
        var log = logger
        log[metadataKey: "request"] = "\(request)"
        log[metadataKey: "department"] = "\(department)"
        if let file { log[metadataKey: "file"] = "\(DropFileName.maskingHetus(in: file))" }
        return log
    }

    /// Creates every configured department's inbox and outbox folders (under roots that must
    /// exist, see ``FolderRoots``) and the publisher temp folders.
    public func prepareFolders() throws(PipelineError) {
        for department in configuration.departments {
            for folder in [inboxFolder(department.id), configuration.outbox + "/" + department.id] {
                if FileManager.default.fileExists(atPath: folder) { continue }
                guard mkdirParents(folder) else {
                    throw .setup("cannot create \(folder); check the permissions of its parent folder")
                }
                logger.notice("created a department folder", metadata: ["folder": "\(folder)"])
            }
            do {
                let publisher = publisher(department.id)
                try publisher.prepare()
                _ = try publisher.removeStaleTemporaryFiles()
                try claimer(department.id).prepare()
            } catch {
                throw .setup("preparing folders of department \(department.id): \(error)")
            }
        }
    }

    private func mkdirParents(_ path: String) -> Bool {
        (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                   attributes: [.posixPermissions: 0o770])) != nil
    }
}
