import Foundation
import Logging
import Synchronization
import VTJClient
import VTJCore
import VTJOperator

/// Everything one drop's walk needs, built once at startup from a validated configuration.
package final class Appliance: Sendable {
    package let configuration: DropConfiguration
    package let database: StateDatabase
    package let client: VTJInterfaceClient
    package let clock: any WallClock
    package let finnishTime: FinnishTime
    package let logger: Logger
    /// `<state>/archive`, `<state>/quarantine`.
    package let mover: FileMover
    /// What `/metrics` exposes; the runtime reports events through ``Appliance`` (Appliance+Metrics).
    package let metrics: ApplianceMetrics
    /// Beats while the daemon works: each turn of its loop and each interface call within a long drop.
    package let heartbeat = LoopHeartbeat()
    /// Messages planned and answered, for `run --once` and `demo` on a terminal.
    package let progress = DropProgress()
    /// Journal writes that failed, to be written again (logged, never dropped).
    package let journalBacklog = JournalBacklog()
    /// Raised when the state database is lost or damaged: nothing more is claimed.
    package let stateAlarm = StateAlarm()
    /// Departments not served because their folders do not work.
    package let departmentHealth = DepartmentHealth()
    /// Schedules inside a run (retries, pauses), never moved by a stepped wall clock.
    package let monotonic: any MonotonicClock
    /// The drops' own threads (walks and reads), joined before the program exits (``ApplianceHost/shutdown()``).
    package let threads = OwnThreads()
    /// Conditions as the running daemon knows them, by kind: what the operator endpoint shows even
    /// when the database cannot store them (a journal that cannot be written).
    private let live = Mutex<[ApplianceCondition.Kind: ApplianceCondition]>([:])
    /// Tests only: awaited before a claimed drop is read, so a test holds a walk in flight for as
    /// long as it needs instead of timing a slow parse against a machine's load.
    private let readHoldHook = Mutex<(@Sendable (ClaimedFile) async -> Void)?>(nil)
    /// Which interface health notes are journaled (``Appliance/journalInterfaceCall(succeeded:failure:log:)``).
    let healthNotes = Mutex(HealthNotePace<ContinuousClock.Instant>())
    /// The last problem reading the password file (logged once per change).
    private let credentialProblem = Mutex<String?>(nil)

    package init(configuration: DropConfiguration, database: StateDatabase, client: VTJInterfaceClient,
                clock: any WallClock = SystemWallClock(), monotonic: any MonotonicClock = SystemMonotonicClock(),
                logger: Logger, metrics: ApplianceMetrics? = nil) throws(PipelineError) {
        let finnishTime = FinnishTime.system
        if let note = finnishTime.fallbackNote { logger.warning("\(note)") }
        self.configuration = configuration
        self.database = database
        self.client = client
        self.clock = clock
        self.monotonic = monotonic
        self.finnishTime = finnishTime
        self.logger = logger
        self.mover = FileMover(stateFolder: configuration.state)
        self.metrics = metrics ?? ApplianceMetrics(departments: configuration.departments.map(\.id))
        connectMetrics()
    }

    /// What a walk awaits before reading its input (nil: nothing; only tests set one).
    var readHold: (@Sendable (ClaimedFile) async -> Void)? {
        get { readHoldHook.withLock { $0 } }
        set { readHoldHook.withLock { $0 = newValue } }
    }

    /// The conditions in force in this process (set by the runner once per change).
    package var liveConditions: [ApplianceCondition] { live.withLock { Array($0.values) } }

    /// Sets (or with nil clears) a condition in memory and, where the database accepts it, on record.
    func noteCondition(_ kind: ApplianceCondition.Kind, _ condition: ApplianceCondition?) {
        live.withLock { $0[kind] = condition }
        storeCondition(kind, condition)
    }

    /// Reads the password file again and gives the client what it holds (the operator may have
    /// fixed it); a file that cannot be read keeps the credentials in use, and is logged once.
    package func reloadCredentials() {
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

    /// The interface for receipts in configuration words, the same in every language:
    /// `vtj.wire soap, soap_product PERUSSANOMA 3`.
    package var interfaceName: String {
        let interface = configuration.interface
        return "vtj.wire \(interface.wire)" + (interface.soapProduct.map { ", soap_product \($0)" } ?? "")
    }

    /// Whether answers come from the built-in sandbox (test persons): results and receipts say so.
    package var answersWithTestData: Bool { configuration.interface.endpoint == .sandbox }

    /// The processing day in Finnish time: ages and ended records are judged on it.
    package var today: CivilDate { finnishTime.localDate(at: clock.instant()) }

    /// `inbox/<department>`.
    package func inboxFolder(_ department: String) -> String { configuration.inbox + "/" + department }

    /// The department's outbox publisher (results are visible only once complete).
    package func publisher(_ department: String) -> Publisher {
        Publisher(folder: configuration.outbox + "/" + department)
    }

    /// Every receipt, for a result or a refusal, reaches the outbox through this one path.
    var receipts: ReceiptDelivery { ReceiptDelivery(appliance: self) }

    /// Makes every receipt's first form (a drop's, a refusal's, a never-read entry's).
    var receiptBuilder: ReceiptBuilder { ReceiptBuilder(appliance: self) }

    /// Claims of one department go to `<state>/claims/<department>/work/<id>/`, so the department
    /// is known from the path even when a crash comes between the claim and its journal record.
    package func claimer(_ department: String) -> Claimer {
        Claimer(stateFolder: Appliance.claimsFolder(state: configuration.state) + "/" + department,
                maximumFileBytes: configuration.intake.maxFileBytes)
    }

    /// `<state>/claims`.
    package static func claimsFolder(state: String) -> String { state + "/claims" }

    /// A logger carrying the drop's id (as `request`), department and file on every line.
    package func logger(dropID: String, department: String, file: String? = nil) -> Logger {
        var log = logger
        log[metadataKey: "request"] = "\(dropID)"
        log[metadataKey: "department"] = "\(department)"
        if let file { log[metadataKey: "file"] = "\(DropFileName.maskingHetus(in: file))" }
        return log
    }

    /// Creates every configured department's inbox, outbox, outbox temp and work folders (under
    /// roots that must exist, see ``FolderRoots``).
    ///
    /// A department whose folders cannot be made ready (a read-only or missing outbox) is logged
    /// and left out — its drops wait in its inbox, and it is tried again every minute — while the
    /// others are served. Refused outright: no department can be served, or a department's inbox
    /// is on another file system than the state folder (a claim is a rename into the state folder,
    /// so nothing would ever be claimed).
    package func prepareFolders() throws(PipelineError) {
        var failed: [String] = []
        for department in configuration.departments {
            if let problem = prepareFolders(of: department.id) {
                departmentHealth.fail(department.id, problem: problem, now: monotonic.now)
                logger.error("department is not served until its folders work; the others are", metadata: [
                    "department": "\(department.id)", "problem": "\(problem)", "retry-every-s": "60"])
                failed.append("\(department.id): \(problem)")
            }
        }
        let apart = configuration.departments.compactMap { department -> String? in
            let inbox = inboxFolder(department.id)
            let claims = Appliance.claimsFolder(state: configuration.state) + "/" + department.id
            guard let inboxDevice = FileIdentity(inbox)?.device,
                  let stateDevice = (FileIdentity(claims) ?? FileIdentity(configuration.state))?.device,
                  inboxDevice != stateDevice else { return nil }
            return inbox
        }
        if !apart.isEmpty {
            throw .setup("the inbox folder\(apart.count == 1 ? "" : "s") \(apart.joined(separator: ", ")) and the state folder "
                + "\(configuration.state) are on different file systems; drops are claimed by renaming them into the state folder, "
                + "which cannot cross file systems: put the inbox and the state folder on one file system")
        }
        if failed.count == configuration.departments.count, !failed.isEmpty {
            throw .setup("no department can be served: " + failed.joined(separator: "; "))
        }
    }

    /// Makes one department's folders ready; returns what is wrong, or nil.
    func prepareFolders(of department: String) -> String? {
        for folder in [inboxFolder(department), configuration.outbox + "/" + department] {
            if FileManager.default.fileExists(atPath: folder) { continue }
            guard mkdirParents(folder) else { return "cannot create \(folder); check the permissions of its parent folder" }
            logger.notice("created a department folder", metadata: ["folder": "\(folder)"])
        }
        do {
            let publisher = publisher(department)
            // Its stale half-written files are recovery's (WorkRecovery.clearStaging), at start
            // only: here, on a department's return, a resumed drop of it may be writing there.
            try publisher.prepare()
            try claimer(department).prepare()
        } catch {
            return "\(error)"
        }
        return nil
    }

    /// Whether the folder could be made; the caller says what is wrong (`prepareFolders`).
    private func mkdirParents(_ path: String) -> Bool {
        (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                   attributes: [.posixPermissions: 0o770])) != nil
    }
}
