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
    /// Waiting drops whose input was still being written, with when to read them again
    /// (`run --once` waits for those within its deadline).
    var changing: [String: Date] = [:]
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
    /// The password file as last seen: an edit makes a refusing interface be probed at once.
    var passwordStamp: InputStamp?
    private let stopRequested = Atomic<Bool>(false)
    /// Turned by every pass of the daemon's loop and every interface call (systemd's watchdog listens).
    public nonisolated var heartbeat: LoopHeartbeat { appliance.heartbeat }
    /// The gate as last logged (``noteGate()``).
    var gateWasOpen = true
    let started = ContinuousClock.now

    /// Totals of one run, and what kept it from working.
    public struct Summary: Sendable, Hashable, CustomStringConvertible {
        public var published = 0
        public var refused = 0
        public var retrying = 0
        /// Set when the interface refused the appliance or could not be reached, so nothing (more) was claimed.
        public var interface: InterfaceCondition?
        /// Set when a folder root was missing, so nothing (more) was claimed.
        public var folders: String?
        public var description: String {
            "\(published) published, \(refused) refused, \(retrying) waiting for a retry"
                + (interface.map { "; nothing claimed: \($0)" } ?? "") + (folders.map { "; intake closed: \($0)" } ?? "")
        }
    }

    public init(appliance: Appliance, workers: Int = 2, roots: FolderRoots? = nil) throws(PipelineError) {
        self.appliance = appliance
        self.processor = DropProcessor(appliance: appliance)
        self.intake = IntakeCycle(appliance: appliance)
        self.workers = max(1, workers)
        self.roots = roots
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

    /// Asks a running daemon to stop claiming and return once in-flight drops are done.
    public nonisolated func requestStop() {
        guard !stopRequested.exchange(true, ordering: .relaxed) else { return }
        appliance.logger.notice("stop requested (SIGTERM): claiming nothing new; drops in hand are finished first")
    }
    var shouldStop: Bool { stopRequested.load(ordering: .relaxed) || Task.isCancelled }

    /// Claims everything ready in every inbox, finishes it, publishes, and returns.
    ///
    /// The interface is checked first with one harmless call: while it refuses the appliance or
    /// cannot be reached, nothing is claimed (the inbox stays untouched) and the summary says why.
    /// Files still settling are waited for (bounded); transient failures stay claimed for the next run.
    public func runOnce(maximumWait: Duration = .seconds(60)) async -> Summary {
        var summary = Summary()
        // A fresh look: what an earlier run stored is found again (or not) below.
        appliance.database.clearConditions()
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
        let deadline = ContinuousClock.now + maximumWait
        while !shouldStop, gate.isOpen {
            if let problem = checkFolders() {
                summary.folders = problem
                break
            }
            if let watcher { intake.note(watcher.drain()) }
            let now = ContinuousClock.now
            let pass = intake.pass(now: now)
            summary.add(await process(pass.claimed))
            // Drops whose input was still being written are read again within the run once quiet.
            let due = dueRetries().filter { changing[$0.id.value] != nil }
            summary.add(await process(due))
            guard pass.claimed.isEmpty, due.isEmpty else { continue }
            var next = pass.waiting > 0 ? pass.nextCheck : nil
            if let soonest = changing.values.min() {
                let instant = now + .milliseconds(Int64(max(0, soonest.timeIntervalSince(appliance.clock.now())) * 1000))
                next = min(next ?? instant, instant)
            }
            guard let next, next < deadline else { break }
            try? await Task.sleep(until: max(next, now + .milliseconds(50)), clock: .continuous)
        }
        if gate.stoppedByRefusal, case .refusing = self.condition { summary.interface = self.condition }
        return finish(summary)
    }

    private func finish(_ summary: Summary) -> Summary {
        var summary = summary
        summary.retrying = waiting.count
        appliance.logger.info("run finished", metadata: ["summary": "\(summary)"])
        return summary
    }

    /// Watches and serves until ``requestStop()`` or cancellation; in-flight drops are finished first.
    public func runDaemon() async {
        var summary = Summary()
        let resumed = recover()
        appliance.database.clearConditions()
        condition = .answering
        if let problem = checkFolders() {
            hold(resumed, .local(problem))
        } else {
            let condition = await checkInterface()
            if condition.isAnswering {
                // Said only once the interface has answered: "serving" must not precede a refusal.
                appliance.logger.info("vtjdrop is serving", metadata: [
                    "departments": "\(appliance.configuration.departments.map(\.id).joined(separator: ","))",
                    "watch": "\(watcher == nil ? "poll" : "inotify+scan")",
                ])
                summary.add(await process(resumed))
            } else {
                hold(resumed, Self.waitReason(for: condition))
            }
        }
        var nextScan = ContinuousClock.now
        while !shouldStop {
            loopTurns += 1
            heartbeat.beat()
            let now = ContinuousClock.now
            watchPasswordFile(now: now)
            if checkFolders() != nil {
                // Intake is closed: nothing is claimed, retried or published until the roots are back.
                nextScan = now + appliance.configuration.intake.scanInterval
            } else {
                switch gate.decide(now: seconds(now)) {
                case .claim:
                    if now >= nextScan {
                        let pass = intake.pass(now: now)
                        summary.add(await process(pass.claimed))
                        nextScan = min(now + appliance.configuration.intake.scanInterval, pass.nextCheck ?? .now + .seconds(3600))
                        if !pass.claimed.isEmpty { nextScan = .now }
                    }
                    // The pass may have closed the gate: then what it set aside waits for the probe.
                    if gate.isOpen { summary.add(await process(dueRetries())) }
                case .probe:
                    // One waiting drop is the probe; with none waiting, or while the interface refuses
                    // the appliance (a drop would only wait again), the cheap call is.
                    if !gate.stoppedByRefusal, let probe = dueRetries(force: true).first {
                        summary.add(await process([probe]))
                    } else {
                        await probeInterface()
                    }
                    // The interface answers again: what waited for it goes now, not at its own back-off
                    // time, and the inbox is scanned at once (the closed gate had put the scan off).
                    if gate.isOpen {
                        summary.add(await process(dueRetries(force: true)))
                        nextScan = .now
                    }
                case .wait(let until):
                    // Nothing may be claimed or retried before the pause ends: sleep until then (or an
                    // inotify hint), never loop on a scan time already past — that spun a core while closed.
                    // Rounded up: waking a fraction of a millisecond early would turn the loop again at once.
                    nextScan = max(nextScan, started + .milliseconds(Int64((until * 1000).rounded(.up))))
                }
                if gate.isOpen { await runSchedule() }
            }
            runRetention()
            if shouldStop { break }
            // An inotify event is a hint to scan now (and says what is still being written);
            // the periodic scan still decides what exists.
            let events = await waitForWork(until: min(nextScan, now + .seconds(1)))
            intake.note(events)
            if events.contains(where: { !$0.isWriteInProgress }) { nextScan = .now }
        }
        logStopped(summary)
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
                // The client's own log lines (retries, failures) then name the drop they belong to.
                let context: Logger.Metadata = [
                    "department": "\(file.department)", "file": "\(file.originalName.logged)", "request": "\(file.id.value)",
                ]
                group.addTask { [processor] in (file, await VTJLogContext.$metadata.withValue(context) { await processor.process(file) }) }
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

    private func record(_ outcome: DropOutcome, for file: ClaimedFile, into summary: inout Summary) {
        changing[file.id.value] = nil
        switch outcome {
        case .published:
            waiting[file.id.value] = nil
            summary.published += 1
            gate.recordSuccess()
            interfaceAnswered()
        case .refused:
            waiting[file.id.value] = nil
            summary.refused += 1
        case .waiting(let retryAt, let reason):
            waiting[file.id.value] = file
            switch reason {
            case .interfaceRefuses(let refusal):
                // The operator's to fix: claiming stops now and the probe is the cheap call.
                gate.recordFailure(now: seconds(.now), stopsNewWork: true)
                noteCondition(refusal)
            case .interfaceUnavailable(let detail):
                gate.recordFailure(now: seconds(.now), stopsNewWork: false)
                if !gate.isOpen { noteCondition(.unreachable(detail: detail)) }
            case .inputChanging:
                changing[file.id.value] = retryAt
            case .interfaceClosed, .local:
                // A full or read-only outbox is that department's trouble, not the interface's.
                break
            }
        }
        noteGate()
    }
}

extension ApplianceRunner.Summary {
    mutating func add(_ other: Self) {
        published += other.published
        refused += other.refused
        retrying += other.retrying
    }
}
