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
    var lastRetentionRun: Date?
    /// Turns of the daemon loop (tests check that a closed gate sleeps instead of spinning).
    var loopTurns = 0
    private let stopRequested = Atomic<Bool>(false)
    private let started = ContinuousClock.now

    /// Totals of one run.
    public struct Summary: Sendable, Hashable, CustomStringConvertible {
        public var published = 0
        public var refused = 0
        public var retrying = 0
        public var description: String { "\(published) published, \(refused) refused, \(retrying) waiting for a retry" }
    }

    public init(appliance: Appliance, workers: Int = 2) throws(PipelineError) {
        self.appliance = appliance
        self.processor = DropProcessor(appliance: appliance)
        self.intake = IntakeCycle(appliance: appliance)
        self.workers = max(1, workers)
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
    public nonisolated func requestStop() { stopRequested.store(true, ordering: .relaxed) }
    var shouldStop: Bool { stopRequested.load(ordering: .relaxed) || Task.isCancelled }

    /// Claims everything ready in every inbox, finishes it, publishes, and returns.
    ///
    /// Files still settling are waited for (bounded); transient failures stay claimed for the next run.
    public func runOnce(maximumWait: Duration = .seconds(60)) async -> Summary {
        var summary = Summary()
        summary.add(await process(recover()))
        let deadline = ContinuousClock.now + maximumWait
        while !shouldStop {
            let now = ContinuousClock.now
            let pass = intake.pass(now: now)
            summary.add(await process(pass.claimed))
            guard pass.claimed.isEmpty else { continue }
            guard pass.waiting > 0, let next = pass.nextCheck, next < deadline else { break }
            try? await Task.sleep(until: max(next, now + .milliseconds(50)), clock: .continuous)
        }
        summary.retrying = waiting.count
        appliance.logger.info("run finished", metadata: ["summary": "\(summary)"])
        return summary
    }

    /// Watches and serves until ``requestStop()`` or cancellation; in-flight drops are finished first.
    public func runDaemon() async {
        var summary = Summary()
        summary.add(await process(recover()))
        appliance.logger.info("vtjdrop is serving", metadata: [
            "departments": "\(appliance.configuration.departments.map(\.id).joined(separator: ","))",
            "watch": "\(watcher == nil ? "poll" : "inotify+scan")",
        ])
        var nextScan = ContinuousClock.now
        while !shouldStop {
            loopTurns += 1
            let now = ContinuousClock.now
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
                // One waiting drop is the probe; with none waiting, or after a refusal (401/403: a drop
                // would only collect an error receipt of its own), a cheap call is.
                if !gate.stoppedByRefusal, let probe = dueRetries(force: true).first {
                    summary.add(await process([probe]))
                } else {
                    await probeInterface()
                }
                // The interface answers again: what waited for it goes now, not at its own back-off time.
                if gate.isOpen { summary.add(await process(dueRetries(force: true))) }
            case .wait(let until):
                // Nothing may be claimed or retried before the pause ends: sleep until then (or an
                // inotify hint), never loop on a scan time already past — that spun a core while closed.
                nextScan = max(nextScan, started + .milliseconds(Int64(until * 1000)))
            }
            await runSchedule()
            runRetention()
            if shouldStop { break }
            // An inotify event is a hint to scan now; the periodic scan still decides what exists.
            if await waitForWork(until: min(nextScan, now + .seconds(1))) { nextScan = .now }
        }
        appliance.logger.info("vtjdrop stopped", metadata: ["summary": "\(summary)"])
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
                if gate.isOpen { startNext() } else {
                    while let rest = pending.popFirst() { waiting[rest.id.value] = rest }
                }
            }
        }
        return summary
    }

    private func record(_ outcome: DropOutcome, for file: ClaimedFile, into summary: inout Summary) {
        switch outcome {
        case .published:
            waiting[file.id.value] = nil
            summary.published += 1
            gate.recordSuccess()
        case .refused(_, _, let stopsNewWork):
            waiting[file.id.value] = nil
            summary.refused += 1
            // The drop is answered; the gate remembers that the next ones would fail the same way.
            if stopsNewWork { gate.recordFailure(now: seconds(.now), stopsNewWork: true) }
        case .retryLater(_, _, let stopsNewWork, let local):
            waiting[file.id.value] = file
            // A full or read-only outbox is that department's trouble, not the interface's.
            if !local { gate.recordFailure(now: seconds(.now), stopsNewWork: stopsNewWork) }
        }
    }

    /// Waiting drops whose next attempt is due (all of them when `force`).
    ///
    /// Drops set aside unstarted when the gate closed have no journal entry (or only their claim):
    /// they are always due, or they would sit in the work folder until the next restart.
    func dueRetries(force: Bool = false) -> [ClaimedFile] {
        let now = appliance.clock.now()
        let journal = appliance.database.journal
        let due = Set(((try? journal.dueForRetry(at: force ? .distantFuture : now)) ?? []).map(\.requestID))
        return waiting.values.filter { file in
            if due.contains(file.id.value) { return true }
            guard let entry = (try? journal.entry(file.id.value)) ?? nil else { return true }
            return entry.state == .claimed
        }.sorted { $0.id < $1.id }
    }

    /// Work an earlier run left behind: published → archive; anything else → walk it again.
    func recover() -> [ClaimedFile] {
        var again: [ClaimedFile] = []
        for file in WorkRecovery(appliance: appliance).unfinished() {
            let entry = (try? appliance.database.journal.entry(file.id.value)) ?? nil
            switch entry?.state {
            case .published?:
                let archived = try? appliance.mover.archive(workFolder: file.folder, id: file.id)
                _ = try? appliance.database.journal.record(.archived, for: file.id.value, at: appliance.clock.now(),
                                                           update: JournalUpdate(storedPath: archived))
            case .refused?:
                let moved = try? appliance.mover.quarantine(workFolder: file.folder, id: file.id)
                _ = try? appliance.database.journal.record(.quarantined, for: file.id.value, at: appliance.clock.now(),
                                                           update: JournalUpdate(storedPath: moved))
            default:
                appliance.logger.notice("resuming a drop left by an earlier run",
                                        metadata: ["request": "\(file.id.value)", "department": "\(file.department)"])
                again.append(file)
            }
        }
        return again
    }

    func probeInterface() async {
        do {
            _ = try await appliance.client.logKey(on: appliance.today)
            gate.recordSuccess()
            appliance.logger.notice("the interface answers again; claiming resumes")
        } catch {
            gate.recordFailure(now: seconds(.now), stopsNewWork: false)
        }
    }

    /// Sleeps until `deadline` or an inotify event; true when events arrived.
    private func waitForWork(until deadline: ContinuousClock.Instant) async -> Bool {
        let timeout = deadline - .now
        guard timeout > .zero else { return false }
        if let watcher {
            let events = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: watcher.wait(timeout: timeout)) }
            }
            return !events.isEmpty
        }
        try? await Task.sleep(until: deadline, clock: .continuous)
        return false
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
