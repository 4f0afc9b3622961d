import Foundation
import Logging
import VTJClient
import VTJCore

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

    public init(configuration: DropConfiguration, database: StateDatabase, client: VTJInterfaceClient,
                clock: any WallClock = SystemWallClock(), logger: Logger) throws(PipelineError) {
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
    }

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

    /// Creates every configured department's inbox and outbox folders and the publisher temp folders.
    public func prepareFolders() throws(PipelineError) {
        for department in configuration.departments {
            for folder in [inboxFolder(department.id), configuration.outbox + "/" + department.id] {
                guard FileManager.default.fileExists(atPath: folder) || mkdirParents(folder) else {
                    throw .setup("cannot create \(folder); check the permissions of its parent folder")
                }
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
