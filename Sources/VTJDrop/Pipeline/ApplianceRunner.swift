import Foundation
import Logging
import Synchronization
import VTJClient
import VTJCore

/// Runs the appliance: once over what is there (`run --once`, cron), or as a daemon that watches,
/// serves scheduled change fetches and retention, and drains on shutdown.
package actor ApplianceRunner {
    package let appliance: Appliance
    let processor: DropProcessor
    let intake: IntakeCycle
    /// inotify's hints (nil: scans only), read as the watcher's event sequence.
    let hints: InotifyHints?
    /// Drops processed at once (each one already runs up to `vtj.parallelism` messages).
    let workers: Int
    var gate = InterfaceGate()
    /// Claimed drops waiting for a retry, by request id.
    var waiting: [String: ClaimedFile] = [:]
    /// When each waiting drop is due, on the monotonic clock; none = due now (set aside unstarted).
    var dueAt: [String: ContinuousClock.Instant] = [:]
    /// Daemon: claimed drops not started yet, oldest first.
    var queued: [ClaimedFile] = []
    /// Daemon: where each claimed drop's time goes until it starts (the walk adds its own stages).
    var timings: [String: DropTiming] = [:]
    /// Daemon: drops (and the cheap probe) in flight, by request id.
    var inFlight: [String: (department: String, isSmall: Bool, task: Task<Void, Never>)] = [:]
    /// Daemon: a probe (drop or cheap call) is out; no second one is sent.
    var probeInFlight = false
    /// Daemon: the interface answered again; scan the inbox at once.
    var scanSoon = false
    /// Daemon: totals since start.
    var daemonSummary = Summary()
    /// Why the appliance stopped on its own (its state folder was lost or damaged), if it did.
    package private(set) var stoppedBecause: String?
    var lastScheduleComplaint: ContinuousClock.Instant?
    /// Waiting drops whose input was still being written (`run --once` waits for those within its
    /// deadline; they are due at their ``dueAt``).
    var changing: Set<String> = []
    var lastRetentionRun: Date?
    /// Turns of the daemon loop (tests check that a closed gate sleeps instead of spinning).
    var loopTurns = 0
    /// What the interface said last (logged and stored once per change).
    var condition = InterfaceCondition.answering
    /// When the interface last answered (a probe or a drop), so `run --once` in a running process
    /// (the demo, tests) need not probe again within a minute.
    var lastAnswered: ContinuousClock.Instant?
    /// The folder roots as they were at start (nil: not checked, as in tests that build a runner by hand).
    let roots: FolderRoots?
    /// What is wrong with a folder root now (intake is closed meanwhile).
    var folderProblem: String?
    /// Why the journal cannot be written now (intake is closed meanwhile).
    var journalProblem: String?
    /// The password file as last seen: an edit makes a refusing interface be probed at once.
    var passwordStamp: InputStamp?
    let stopRequested = Atomic<Bool>(false)
    /// Turned by every pass of the daemon's loop and every interface call (systemd's watchdog listens).
    package nonisolated var heartbeat: LoopHeartbeat { appliance.heartbeat }
    /// The gate as last logged (``noteGate()``).
    var gateWasOpen = true
    /// Work awaited where a stop may not wait (the interface check at start): cancelled on stop.
    let onStop = StopCancellation()
    /// When the runner was made, on the injected monotonic clock (the gate counts from here).
    let started: ContinuousClock.Instant
    /// How long in-flight drops may finish after a stop request before they are interrupted
    /// (they resume at the next start); well inside systemd's `TimeoutStopSec=60`.
    static let stopGrace: Duration = .seconds(15)

    /// Totals of one run, and what kept it from working.
    package struct Summary: Sendable, Hashable, CustomStringConvertible {
        package var published = 0
        package var refused = 0
        package var retrying = 0
        /// Set when the interface refused the appliance or could not be reached, so nothing (more) was claimed.
        package var interface: InterfaceCondition?
        /// Set when a folder root was missing, so nothing (more) was claimed.
        package var folders: String?
        /// Journal writes still waiting to be written when the run ended.
        package var unjournaled = 0
        /// Departments left out because their folders do not work.
        package var departmentsNotServed = 0
        /// Set when the state folder was lost or damaged and the run stopped for it.
        package var stateProblem: String?
        /// The counts alone: "3 published, 0 refused, 1 waiting for a retry".
        package var totals: String { "\(published) published, \(refused) refused, \(retrying) waiting for a retry" }
        /// The totals, then every problem as `RunExitStatus` names it.
        package var description: String {
            ([totals] + RunExitStatus.problems(self).map(\.text)).joined(separator: "; ")
        }
    }

    package init(appliance: Appliance, workers: Int = 2, roots: FolderRoots? = nil) throws(PipelineError) {
        self.appliance = appliance
        self.processor = DropProcessor(appliance: appliance)
        self.workers = max(1, workers)
        self.roots = roots
        self.started = appliance.monotonic.now
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
        self.hints = watcher.map { InotifyHints(watcher: $0) }
        // Watched: a file with no event about it was written before the watch began (WriteActivity.unwatched).
        self.intake = IntakeCycle(appliance: appliance, watched: watcher != nil)
    }

    /// Asks a running daemon to stop claiming and return once in-flight drops are done (or, after
    /// ``stopGrace``, interrupted: they resume at the next start).
    package nonisolated func requestStop() {
        if !stopRequested.exchange(true, ordering: .relaxed) {
            appliance.logger.notice("stop requested (SIGTERM): claiming nothing new; drops in hand are finished first")
        }
        onStop.cancelAll()
        hints?.stop()
    }
    var shouldStop: Bool { stopRequested.load(ordering: .relaxed) || Task.isCancelled }

    /// Claims everything ready in every inbox, finishes it, publishes, and returns.
    ///
    /// The interface is checked first with one harmless call: while it refuses the appliance or
    /// cannot be reached, nothing is claimed (the inbox stays untouched) and the summary says why.
    /// Files still settling are waited for (bounded); transient failures stay claimed for the next run.
    package func runOnce(maximumWait: Duration = .seconds(60)) async -> Summary {
        var summary = Summary()
        if let problem = stateProblem() { return stop(summary, because: problem) }
        // A fresh look: what an earlier run stored is found again (or not) below.
        appliance.forgetStoredConditions()
        condition = .answering
        folderProblem = nil
        let resumed = recover()
        if let problem = checkFolders() {
            summary.folders = problem
            hold(resumed, .local(problem))
            return finish(summary)
        }
        let condition = await checkInterface()
        guard condition.isAnswering else {
            summary.interface = condition
            hold(resumed, Self.waitReason(for: condition))
            return finish(summary)
        }
        summary.add(await process(resumed))
        let deadline = appliance.monotonic.now + maximumWait
        while !shouldStop, gate.isOpen {
            if let problem = stateProblem() { return stop(summary, because: problem) }
            if let problem = checkFolders() {
                summary.folders = problem
                break
            }
            // Writes that still fail are counted in the summary (`unjournaled`); nothing more is claimed.
            if checkJournal() != nil { break }
            if let hints { intake.note(await hints.current()) }
            let now = appliance.monotonic.now
            let pass = intake.pass(now: now)
            summary.add(await process(pass.claimed))
            // Drops whose input was still being written are read again within the run once quiet.
            let due = dueRetries().filter { changing.contains($0.id.value) }
            summary.add(await process(due))
            guard pass.claimed.isEmpty, due.isEmpty else { continue }
            var next = pass.waiting > 0 ? pass.nextCheck : nil
            if let soonest = changing.compactMap({ dueAt[$0] }).min() {
                next = min(next ?? soonest, soonest)
            }
            guard let next, next < deadline else { break }
            // Throws only when cancelled: the loop's condition ends the run.
            try? await appliance.monotonic.sleep(until: max(next, now + .milliseconds(50)), tolerance: nil)
        }
        if gate.stoppedByRefusal, case .refusing = self.condition { summary.interface = self.condition }
        appliance.journalBacklog.replay(appliance.database.journal, logger: appliance.logger)
        if let problem = stateProblem() { return stop(summary, because: problem) }
        return finish(summary)
    }

    private func finish(_ summary: Summary) -> Summary {
        var summary = summary
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

    func process(_ files: [ClaimedFile]) async -> Summary {
        var summary = Summary()
        var pending = files[...]
        await withTaskGroup(of: (ClaimedFile, DropOutcome).self) { group in
            var running = 0
            func startNext() {
                guard let file = pending.popFirst() else { return }
                running += 1
                group.addTask { [processor] in (file, await processor.processOnOwnThread(file)) }
            }
            for _ in 0..<workers { startNext() }
            while let (file, outcome) = await group.next() {
                running -= 1
                record(outcome, for: file, into: &summary)
                // A closed gate stops taking more of this batch; the rest wait claimed for the probe.
                if gate.isOpen { startNext() } else { hold(Array(pending), .interfaceClosed); pending = [] }
            }
        }
        return summary
    }

    func record(_ outcome: DropOutcome, for file: ClaimedFile, into summary: inout Summary) {
        changing.remove(file.id.value)
        switch outcome {
        case .published:
            forget(file)
            summary.published += 1
            gate.recordSuccess()
            interfaceAnswered()
        case .refused:
            forget(file)
            summary.refused += 1
        case .waiting(_, let after, let reason):
            waiting[file.id.value] = file
            // Scheduled on the monotonic clock: a wall clock stepped back must not stall the retry.
            dueAt[file.id.value] = appliance.monotonic.now + after
            switch reason {
            case .interfaceRefuses(let refusal):
                // The operator's to fix: claiming stops now and the probe is the cheap call.
                gate.recordFailure(now: gateTime, stopsNewWork: true)
                noteCondition(refusal)
            case .interfaceUnavailable(let detail):
                gate.recordFailure(now: gateTime, stopsNewWork: false)
                if !gate.isOpen { noteCondition(.unreachable(detail: detail)) }
            case .inputChanging:
                changing.insert(file.id.value)
            case .interfaceClosed, .local:
                // A full or read-only outbox is that department's trouble, not the interface's.
                break
            }
        }
        noteGate()
    }
}

extension ApplianceRunner {
    private func forget(_ file: ClaimedFile) {
        waiting[file.id.value] = nil
        dueAt[file.id.value] = nil
    }

    /// True at most once a minute, for a complaint that would otherwise repeat every loop turn.
    func scheduleComplaintDue() -> Bool {
        let now = appliance.monotonic.now
        if let last = lastScheduleComplaint, now - last < .seconds(60) { return false }
        lastScheduleComplaint = now
        return true
    }
}

extension ApplianceRunner.Summary {
    mutating func add(_ other: Self) {
        published += other.published
        refused += other.refused
        retrying += other.retrying
    }
}
