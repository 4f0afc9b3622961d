import Foundation
import Logging
import Synchronization
import VTJClient
import VTJCore

/// Runs the appliance: once over what is there (`run --once`, cron), or as a daemon that watches,
/// serves scheduled change fetches and retention, and drains on shutdown.
public actor ApplianceRunner {
    public let appliance: Appliance
    let processor: DropProcessor
    let intake: IntakeCycle
    let watcher: InotifyWatcher?
    /// Drops processed at once (each one already runs up to `vtj.parallelism` messages).
    let workers: Int
    var gate = InterfaceGate()
    /// Claimed drops waiting for a retry, by request id.
    var waiting: [String: ClaimedFile] = [:]
    /// When each waiting drop is due, on the monotonic clock; none = due now (never attempted).
    var dueAt: [String: ContinuousClock.Instant] = [:]
    /// Daemon: claimed drops not started yet, oldest first.
    var queued: [ClaimedFile] = []
    /// Daemon: drops (and the cheap probe) in flight, by request id.
    var inFlight: [String: (department: String, task: Task<Void, Never>)] = [:]
    /// Daemon: a probe (drop or cheap call) is out; no second one is sent.
    var probeInFlight = false
    /// Daemon: totals since start.
    var daemonSummary = Summary()
    var lastRetentionRun: Date?
    var lastScheduleComplaint: ContinuousClock.Instant?
    /// Turns of the daemon loop (tests check that a closed gate sleeps instead of spinning).
    var loopTurns = 0
    /// Why the appliance stopped on its own (its state folder was lost or damaged), if it did.
    public private(set) var stoppedBecause: String?
    let stopRequested = Atomic<Bool>(false)
    let started: ContinuousClock.Instant
    /// How long in-flight drops may finish after a stop request before they are interrupted
    /// (they resume at the next start); well inside systemd's `TimeoutStopSec=60`.
    static let stopGrace: Duration = .seconds(15)

    /// Totals of one run.
    public struct Summary: Sendable, Hashable, CustomStringConvertible {
        public var published = 0
        public var refused = 0
        public var retrying = 0
        /// Journal writes still waiting to be written when the run ended.
        public var unjournaled = 0
        /// Departments left out because their folders do not work.
        public var departmentsNotServed = 0
        /// Set when the state folder was lost or damaged and the run stopped for it.
        public var stateProblem: String?
        public var description: String {
            var text = "\(published) published, \(refused) refused, \(retrying) waiting for a retry"
            if unjournaled > 0 { text += ", \(unjournaled) journal writes not yet written" }
            if departmentsNotServed > 0 { text += ", \(departmentsNotServed) departments not served" }
            if let stateProblem { text += "; stopped: \(stateProblem)" }
            return text
        }
    }

    public init(appliance: Appliance, workers: Int = 2) throws(PipelineError) {
        self.appliance = appliance
        self.processor = DropProcessor(appliance: appliance)
        self.intake = IntakeCycle(appliance: appliance)
        self.workers = max(1, workers)
        self.started = appliance.monotonic.now()
        let intakeSettings = appliance.configuration.intake
        var watcher: InotifyWatcher?
        if intakeSettings.watch != .poll {
            do {
                let made = try InotifyWatcher()
                for department in appliance.configuration.departments {
                    try made.watch(appliance.inboxFolder(department.id))
                }
                watcher = made
            } catch {
                if intakeSettings.watch == .inotify { throw .setup("inotify is required (watch: inotify) but failed: \(error)") }
                appliance.logger.notice("inotify unavailable; polling only", metadata: ["error": "\(error)"])
            }
        }
        self.watcher = watcher
    }

    /// Asks a running daemon to stop claiming and return once in-flight drops are done (or, after
    /// ``stopGrace``, interrupted: they resume at the next start).
    public nonisolated func requestStop() { stopRequested.store(true, ordering: .relaxed) }
    var shouldStop: Bool { stopRequested.load(ordering: .relaxed) || Task.isCancelled }

    /// Claims everything ready in every inbox, finishes it, publishes, and returns.
    ///
    /// Files still settling are waited for (bounded); transient failures stay claimed for the next run.
    public func runOnce(maximumWait: Duration = .seconds(60)) async -> Summary {
        var summary = Summary()
        if let problem = stateProblem() { return stop(summary, because: problem) }
        summary.add(await process(recover()))
        let deadline = ContinuousClock.now + maximumWait
        while !shouldStop {
            if let problem = stateProblem() { return stop(summary, because: problem) }
            let now = ContinuousClock.now
            let pass = intake.pass(now: now)
            summary.add(await process(pass.claimed))
            guard pass.claimed.isEmpty else { continue }
            guard pass.waiting > 0, let next = pass.nextCheck, next < deadline else { break }
            try? await Task.sleep(until: max(next, now + .milliseconds(50)), clock: .continuous)
        }
        appliance.journalBacklog.replay(appliance.database.journal, logger: appliance.logger)
        if let problem = stateProblem() { return stop(summary, because: problem) }
        summary.retrying = waiting.count
        summary.unjournaled = appliance.journalBacklog.count
        summary.departmentsNotServed = appliance.departmentHealth.failed.count
        appliance.logger.info("run finished", metadata: ["summary": "\(summary)"])
        return summary
    }

    /// What makes the state folder untrustworthy, if anything: its database files were deleted or
    /// replaced while running, or SQLite found them damaged.
    func stateProblem() -> String? {
        if let lost = appliance.database.verifyFiles() { appliance.stateAlarm.raise(lost) }
        return appliance.stateAlarm.raised.map { "\($0)" }
    }

    func stop(_ summary: Summary, because problem: String) -> Summary {
        var summary = summary
        summary.stateProblem = problem
        summary.retrying = waiting.count
        summary.unjournaled = appliance.journalBacklog.count
        if stoppedBecause == nil {
            stoppedBecause = problem
            appliance.logger.critical("vtjdrop stops claiming: the state folder can no longer be trusted", metadata: ["problem": "\(problem)"])
        }
        return summary
    }

    // MARK: - Processing

    /// Processes drops in one batch, `workers` at a time (`run --once`, tests); the daemon
    /// dispatches instead, so its loop keeps claiming while drops are walked.
    func process(_ files: [ClaimedFile]) async -> Summary {
        var summary = Summary()
        var pending = files[...]
        await withTaskGroup(of: (ClaimedFile, DropOutcome).self) { group in
            var running = 0
            func startNext() {
                guard let file = pending.popFirst() else { return }
                running += 1
                group.addTask { [processor] in (file, await processor.processLogged(file)) }
            }
            for _ in 0..<workers { startNext() }
            while let (file, outcome) = await group.next() {
                running -= 1
                record(outcome, for: file, into: &summary)
                // A closed gate stops taking more of this batch; the rest wait claimed for the probe.
                if gate.isOpen { startNext() } else {
                    while let rest = pending.popFirst() { waiting[rest.id.value] = rest }
                }
            }
        }
        return summary
    }

    func record(_ outcome: DropOutcome, for file: ClaimedFile, into summary: inout Summary) {
        switch outcome {
        case .published:
            forget(file)
            summary.published += 1
            gate.recordSuccess()
        case .refused(_, _, let stopsNewWork):
            forget(file)
            summary.refused += 1
            // The drop is answered; the gate remembers that the next ones would fail the same way.
            if stopsNewWork { gate.recordFailure(now: seconds(appliance.monotonic.now()), stopsNewWork: true) }
        case .retryLater(_, _, let stopsNewWork, let local, let delay):
            waiting[file.id.value] = file
            // Scheduled on the monotonic clock: a wall clock stepped back must not stall the retry.
            dueAt[file.id.value] = appliance.monotonic.now() + .milliseconds(Int64(max(0, delay) * 1000))
            // A full or read-only outbox is that department's trouble, not the interface's.
            if !local { gate.recordFailure(now: seconds(appliance.monotonic.now()), stopsNewWork: stopsNewWork) }
        }
    }

    private func forget(_ file: ClaimedFile) {
        waiting[file.id.value] = nil
        dueAt[file.id.value] = nil
    }

    /// Waiting drops whose next attempt is due (all of them when `force`), oldest first.
    ///
    /// Drops set aside unstarted when the gate closed have no due time: they are always due, or
    /// they would sit in the work folder until the next restart.
    func dueRetries(force: Bool = false) -> [ClaimedFile] {
        let now = appliance.monotonic.now()
        return waiting.values.filter { file in force || (dueAt[file.id.value].map { $0 <= now } ?? true) }
            .sorted { $0.id < $1.id }
    }

    /// Work an earlier run left behind: published → archive; anything else → walk it again.
    func recover() -> [ClaimedFile] {
        var again: [ClaimedFile] = []
        for file in WorkRecovery(appliance: appliance).unfinished() {
            let entry = (try? appliance.database.journal.entry(file.id.value)) ?? nil
            let log = appliance.logger(request: file.id.value, department: file.department)
            switch entry?.state {
            case .published?:
                if let archived = processor.moveLogged(file, log: log, { try appliance.mover.archive(workFolder: $0.folder, id: $0.id) }) {
                    appliance.journal(.archived, for: file.id.value, update: JournalUpdate(storedPath: archived), log: log)
                }
            case .archived?:
                // Journaled done, but the move had failed: finish the move, never walk it again.
                _ = processor.moveLogged(file, log: log, { try appliance.mover.archive(workFolder: $0.folder, id: $0.id) })
            case .quarantined?:
                _ = processor.moveLogged(file, log: log, { try appliance.mover.quarantine(workFolder: $0.folder, id: $0.id) })
            case .refused?:
                if let moved = processor.moveLogged(file, log: log, { try appliance.mover.quarantine(workFolder: $0.folder, id: $0.id) }) {
                    appliance.journal(.quarantined, for: file.id.value, update: JournalUpdate(storedPath: moved), log: log)
                }
            default:
                log.notice("resuming a drop left by an earlier run")
                again.append(file)
            }
        }
        return again
    }

    /// True at most once a minute, for a complaint that would otherwise repeat every loop turn.
    func scheduleComplaintDue() -> Bool {
        let now = ContinuousClock.now
        if let last = lastScheduleComplaint, now - last < .seconds(60) { return false }
        lastScheduleComplaint = now
        return true
    }

    func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let elapsed = instant - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension ApplianceRunner.Summary {
    mutating func add(_ other: Self) {
        published += other.published
        refused += other.refused
        retrying += other.retrying
    }
}
