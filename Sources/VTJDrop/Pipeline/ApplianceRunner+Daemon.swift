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
    public func runDaemon() async {
        if let problem = stateProblem() {
            daemonSummary = stop(daemonSummary, because: problem)
            return
        }
        let resumed = recover()
        appliance.database.clearConditions()
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
                    "watch": "\(watcher == nil ? "poll" : "inotify+scan")",
                ])
                enqueue(resumed)
            } else {
                hold(resumed, Self.waitReason(for: condition))
            }
        }
        var nextScan = appliance.monotonic.now
        while !shouldStop {
            loopTurns += 1
            heartbeat.beat()
            if let problem = stateProblem() {
                daemonSummary = stop(daemonSummary, because: problem)
                break
            }
            appliance.journalBacklog.replay(appliance.database.journal, logger: appliance.logger)
            let now = appliance.monotonic.now
            watchPasswordFile(now: now)
            if scanSoon {
                scanSoon = false
                nextScan = now
            }
            let closed = (folders: checkFolders(), journal: checkJournal())
            if closed.folders != nil || closed.journal != nil {
                // Intake is closed: nothing is claimed, retried or published until the roots (or the journal) are back.
                nextScan = now + appliance.configuration.intake.scanInterval
            } else {
                switch gate.decide(now: now - started) {
                case .claim:
                    if now >= nextScan {
                        let pass = intake.pass(now: now)
                        enqueue(pass.claimed)
                        nextScan = min(now + appliance.configuration.intake.scanInterval, pass.nextCheck ?? now + .seconds(3600))
                        if !pass.claimed.isEmpty { nextScan = appliance.monotonic.now }
                    }
                    // The pass may have closed the gate: then what it set aside waits for the probe.
                    if gate.isOpen { enqueue(takeDueRetries()) }
                case .probe:
                    // One waiting drop is the probe; with none waiting, or while the interface refuses
                    // the appliance (a drop would only wait again), the cheap call is.
                    if !probeInFlight {
                        probeInFlight = true
                        if !gate.stoppedByRefusal, let probe = takeDueRetries(force: true).first {
                            start(probe, isProbe: true)
                        } else {
                            startProbeCall()
                        }
                    }
                    // The probe's answer arrives on its own; look again shortly, never in a busy loop
                    // (that would also keep the answer from reaching this actor).
                    nextScan = max(nextScan, now + .milliseconds(250))
                case .wait(let until):
                    // Nothing may be claimed or retried before the pause ends: sleep until then (or an
                    // inotify hint), never loop on a scan time already past — that spun a core while closed.
                    nextScan = max(nextScan, started + until)
                }
                if gate.isOpen { enqueue(dueScheduledDrops()) }
                startQueued()
            }
            runRetention()
            if shouldStop { break }
            // An inotify event is a hint to scan now (and says what is still being written);
            // the periodic scan still decides what exists.
            let events = await waitForWork(until: min(nextScan, now + .seconds(1)))
            intake.note(events)
            if events.contains(where: { !$0.isWriteInProgress }) { nextScan = appliance.monotonic.now }
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

    /// Due waiting drops, taken out of the waiting set (their outcome puts them back if they wait again).
    func takeDueRetries(force: Bool = false) -> [ClaimedFile] {
        let due = dueRetries(force: force).filter { inFlight[$0.id.value] == nil }
        for file in due {
            waiting[file.id.value] = nil
            dueAt[file.id.value] = nil
        }
        return due
    }

    /// Starts queued drops while workers are free and the gate is open; a department without a
    /// drop in flight goes first, so a slow drop never holds up another department's.
    func startQueued() {
        while gate.isOpen, !shouldStop, inFlight.count < workers, !queued.isEmpty {
            let busy = Set(inFlight.values.map(\.department))
            let index = queued.firstIndex { !busy.contains($0.department) } ?? queued.startIndex
            start(queued.remove(at: index), isProbe: false)
        }
        if !gate.isOpen, !queued.isEmpty {
            // Set aside, unstarted: due as soon as the gate opens again.
            hold(queued, .interfaceClosed)
            queued.removeAll()
        }
    }

    private func start(_ file: ClaimedFile, isProbe: Bool) {
        let processor = processor
        inFlight[file.id.value] = (file.department, Task {
            let outcome = await processor.processLogged(file)
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

    /// The cheap probe, in flight like a drop so a hanging interface never holds the loop.
    private func startProbeCall() {
        inFlight["probe"] = ("", Task {
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
