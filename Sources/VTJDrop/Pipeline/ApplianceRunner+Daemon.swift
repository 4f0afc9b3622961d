import Foundation
import Logging
import VTJClient
import VTJCore

extension ApplianceRunner {
    /// Watches and serves until ``requestStop()``, cancellation, or a state folder that can no
    /// longer be trusted (``stoppedBecause``).
    ///
    /// The loop never waits for a drop: claimed drops are dispatched (``workers`` at a time, a
    /// department without a drop in flight first) and the loop keeps scanning, so one department's
    /// slow drop never keeps another's unclaimed. On stop, drops in flight get ``stopGrace`` to
    /// finish; then they are interrupted (HTTP transfers, retry waits and file reads stop) and
    /// resume at the next start.
    package func runDaemon() async {
        if let problem = stateProblem() {
            daemonSummary = stop(daemonSummary, because: problem)
            return
        }
        let resumed = recover()
        appliance.forgetStoredConditions()
        condition = .answering
        if let problem = checkFolders() {
            hold(resumed, .local(problem))
        } else {
            let condition = await onStop.run { await self.checkInterface() }
            if shouldStop {
                // Stopped during the check: what was claimed resumes at the next start.
            } else if condition.isAnswering {
                // Said only once the interface has answered: "serving" must not precede a refusal.
                appliance.logger.info("vtjdrop is serving", metadata: [
                    "departments": "\(appliance.configuration.departments.map(\.id).joined(separator: ","))",
                    "watch": "\(hints == nil ? "poll" : "inotify+scan")",
                ])
                enqueue(resumed)
            } else {
                hold(resumed, Self.waitReason(for: condition))
            }
        }
        let tick = DaemonTick(scanInterval: appliance.configuration.intake.scanInterval)
        var nextScan = gateTime
        var lastRetention: Duration?
        while !shouldStop {
            loopTurns += 1
            heartbeat.beat()
            if let problem = stateProblem() {
                daemonSummary = stop(daemonSummary, because: problem)
                break
            }
            appliance.journalBacklog.replay(appliance.database.journal, logger: appliance.logger)
            watchPasswordFile(now: appliance.monotonic.now)
            let closed = (folders: checkFolders(), journal: checkJournal())
            let now = gateTime
            let decision = tick.decide(DaemonTick.Facts(
                now: now, gate: gate, intakeClosed: closed.folders != nil || closed.journal != nil, nextScan: nextScan,
                scanSoon: scanSoon, probeInFlight: probeInFlight,
                hasWaitingDrop: waiting.keys.contains { inFlight[$0] == nil }, lastRetention: lastRetention))
            scanSoon = false
            nextScan = decision.nextScan
            if decision.scan {
                let pass = intake.pass(now: appliance.monotonic.now)
                for file in pass.claimed {
                    timings[file.id.value] = DropTiming(before: pass.inboxWait[file.id.value].map { [("inbox", $0)] } ?? [])
                }
                enqueue(pass.claimed)
                nextScan = tick.nextScan(now: gateTime, claimed: pass.claimed.count, nextCheck: pass.nextCheck.map { $0 - started })
            }
            // The pass may have closed the gate: then what it set aside waits for the probe.
            if decision.takeDueRetries, gate.isOpen { enqueue(takeDueRetries()) }
            if let probe = decision.probe {
                probeInFlight = true
                if probe == .drop, let file = takeDueRetries(force: true, limit: 1).first {
                    start(file, isProbe: true)
                } else {
                    startProbeCall()
                }
            }
            if decision.serve, gate.isOpen { enqueue(dueScheduledDrops()) }
            if !decision.intakeClosed { startQueued() }
            if decision.retention {
                lastRetention = now
                runRetention(force: true)
            }
            if shouldStop { break }
            // An inotify event is a hint to scan now (and says what is still being written);
            // the periodic scan still decides what exists.
            let events = await waitForWork(until: started + tick.wake(now: gateTime, nextScan: nextScan))
            intake.note(events)
            if events.contains(where: { !$0.isWriteInProgress }) { nextScan = gateTime }
        }
        await drain()
        daemonSummary.retrying = waiting.count + queued.count
        daemonSummary.unjournaled = appliance.journalBacklog.count
        logStopped(daemonSummary)
    }

    /// Claimed drops to be walked (the daemon starts them as workers free up).
    func enqueue(_ files: [ClaimedFile]) {
        let known = Set(queued.map(\.id.value)).union(inFlight.keys)
        queued += files.filter { !known.contains($0.id.value) }
    }

    /// Due waiting drops (at most `limit`), taken out of the waiting set (their outcome puts them
    /// back if they wait again). Those beyond the limit stay waiting: before, a drop sent as the
    /// probe took every other waiting drop out of the set with it, and they waited for a restart.
    func takeDueRetries(force: Bool = false, limit: Int = .max) -> [ClaimedFile] {
        let due = dueRetries(force: force).filter { inFlight[$0.id.value] == nil }.prefix(limit)
        for file in due {
            waiting[file.id.value] = nil
            dueAt[file.id.value] = nil
        }
        return Array(due)
    }

    /// Starts queued drops as ``DropScheduler`` decides while the gate is open: ``workers`` at a
    /// time, a department without a drop in flight first, and a small drop even when every worker
    /// is busy, so a slow drop never holds up another department's (nor a short list's).
    func startQueued() {
        if gate.isOpen, !shouldStop, !queued.isEmpty {
            let running = inFlight.values.map { DropScheduler.Drop(department: $0.department, isSmall: $0.isSmall) }
            let chosen = DropScheduler(workers: workers).start(queued: queued.map(Self.scheduling), inFlight: running)
            let starting = chosen.map { queued[$0] }
            let taken = Set(chosen)
            queued = queued.indices.filter { !taken.contains($0) }.map { queued[$0] }
            for file in starting { start(file, isProbe: false) }
        }
        if !gate.isOpen, !queued.isEmpty {
            // Set aside, unstarted: due as soon as the gate opens again.
            hold(queued, .interfaceClosed)
            queued.removeAll()
        }
    }

    private func start(_ file: ClaimedFile, isProbe: Bool) {
        let processor = processor
        let timing = timings.removeValue(forKey: file.id.value) ?? DropTiming()
        timing.mark("queued")
        inFlight[file.id.value] = (file.department, Self.scheduling(file).isSmall, Task {
            let outcome = await DropTiming.$current.withValue(timing) {
                timing.mark("task-start")
                return await processor.processOnOwnThread(file)
            }
            processor.appliance.logger.debug("drop timing", metadata: [
                "request": "\(file.id.value)", "department": "\(file.department)", "stages": "\(timing.line)"])
            self.finished(file, outcome, isProbe: isProbe)
        })
    }

    private func finished(_ file: ClaimedFile, _ outcome: DropOutcome, isProbe: Bool) {
        inFlight[file.id.value] = nil
        record(outcome, for: file, into: &daemonSummary)
        if isProbe {
            probeInFlight = false
            // The interface answers again: what waited for it goes now, and the inbox is scanned at once.
            if gate.isOpen {
                enqueue(takeDueRetries(force: true))
                scanSoon = true
            }
        }
        startQueued()
    }

    /// What the scheduler knows of a claimed drop: a short list is small; a request document (it
    /// may ask for a whole municipality), a workbook or a planned fetch never is.
    static func scheduling(_ file: ClaimedFile) -> DropScheduler.Drop {
        let name = file.originalName.display.lowercased()
        let small = file.planned == nil && file.size <= DropScheduler.smallListBytes && !name.hasSuffix(".xml") && !name.hasSuffix(".xlsx")
        return DropScheduler.Drop(department: file.department, isSmall: small)
    }

    /// The cheap probe, in flight like a drop so a hanging interface never holds the loop.
    private func startProbeCall() {
        inFlight["probe"] = ("", false, Task {
            await self.probeInterface()
            self.probeFinished()
        })
    }

    private func probeFinished() {
        inFlight["probe"] = nil
        probeInFlight = false
        if gate.isOpen {
            enqueue(takeDueRetries(force: true))
            scanSoon = true
            startQueued()
        }
    }

    /// Lets drops in flight finish for ``stopGrace``, then interrupts them and waits until they have.
    private func drain() async {
        let tasks = inFlight.values.map(\.task)
        guard !tasks.isEmpty else { return }
        appliance.logger.notice("stopping: drops in flight may finish", metadata: [
            "in-flight": "\(tasks.count)", "grace-s": "\(Self.stopGrace.components.seconds)"])
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { for task in tasks { await task.value }; return true }
            // The sleep's error is its answer: cancelled (the drops finished first) is not "grace over".
            group.addTask { [clock = appliance.monotonic] in (try? await clock.sleep(for: Self.stopGrace)) == nil }
            let first = await group.next() ?? true
            if !first { for task in tasks { task.cancel() } }
            group.cancelAll()
            return first
        }
        if !finished {
            appliance.logger.notice("drops still in flight were interrupted; they resume at the next start")
        }
    }
}
