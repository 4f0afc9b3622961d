import Foundation
import Logging
import VTJCore

extension ApplianceRunner {
    /// Whether the interface serves the appliance: one harmless call, unless it answered within the
    /// last minute. The gate and the logged, stored condition follow the outcome.
    func checkInterface() async -> InterfaceCondition {
        if let last = lastAnswered, appliance.monotonic.now - last < .seconds(60), gate.isOpen { return .answering }
        await probeInterface()
        return condition
    }

    /// The cheap call (`kirjausavain`) with the password read again from its file.
    func probeInterface() async {
        let found = await InterfaceProbe(appliance: appliance).check()
        // Cancelled by a stop: what the interface would have said is unknown, so nothing is noted.
        if Task.isCancelled { return }
        switch found {
        case .answering:
            gate.recordSuccess()
        case .refusing:
            gate.recordProbeFailure(now: gateTime, stopsNewWork: true)
        case .unreachable:
            gate.recordProbeFailure(now: gateTime, stopsNewWork: false)
        }
        if found.isAnswering { interfaceAnswered() } else { noteCondition(found) }
        noteGate()
    }

    /// The interface answered (a probe, or a drop's walk).
    func interfaceAnswered() {
        lastAnswered = appliance.monotonic.now
        noteCondition(.answering)
    }

    /// Logs and stores a change of the interface's condition: one line per change, never per scan.
    func noteCondition(_ new: InterfaceCondition) {
        guard new.code != condition.code else { return }
        let was = condition
        condition = new
        let now = appliance.clock.now()
        switch new {
        case .answering:
            appliance.logger.notice("the interface answers again; claiming resumes", metadata: ["was": "\(was.code)"])
            appliance.storeCondition(.interface, nil)
        case .refusing:
            appliance.logger.error("\(new)")
            appliance.storeCondition(.interface, ApplianceCondition(kind: .interface, code: new.code, since: now, detail: new.description))
        case .unreachable:
            appliance.logger.warning("\(new)")
            appliance.storeCondition(.interface, ApplianceCondition(kind: .interface, code: new.code, since: now, detail: new.description))
        }
    }

    /// What is wrong with a folder root now, logged and stored once per change; nil when all are fine.
    @discardableResult
    func checkFolders() -> String? {
        let problem = roots?.problem()
        guard problem != folderProblem else { return problem }
        folderProblem = problem
        if let problem {
            appliance.logger.error("intake closed: \(problem)")
            appliance.storeCondition(.folders, ApplianceCondition(kind: .folders, code: "folder-root-missing", since: appliance.clock.now(), detail: problem))
        } else {
            appliance.logger.notice("the folder roots are back; intake reopens")
            appliance.storeCondition(.folders, nil)
        }
        return problem
    }

    /// Whether the journal cannot be written (its failed writes still wait in ``JournalBacklog``):
    /// then nothing new is claimed — a drop whose steps cannot be recorded cannot be resumed safely
    /// — and it is logged, and shown by `status`, `/healthz`, `/readyz` and the page, once per change.
    @discardableResult
    func checkJournal() -> String? {
        let waiting = appliance.journalBacklog.count
        let problem = waiting == 0 ? nil
            : "the journal cannot be written (\(waiting) writes waiting; the log has the error): nothing new is claimed until it can; "
                + "free space on the state disk or fix the state database's permissions"
        guard (problem == nil) != (journalProblem == nil) else { return problem }
        journalProblem = problem
        if let problem {
            appliance.logger.error("intake closed: \(problem)")
            appliance.noteCondition(.journal, ApplianceCondition(kind: .journal, code: "journal-unwritable",
                                                                 since: appliance.clock.now(), detail: problem))
        } else {
            appliance.logger.notice("the journal accepts writes again; intake reopens")
            appliance.noteCondition(.journal, nil)
        }
        return problem
    }

    /// An edited password file is worth a probe now, while the interface refuses the credentials.
    func watchPasswordFile(now: ContinuousClock.Instant) {
        guard let file = appliance.configuration.credentials.passwordFile else { return }
        let stamp = InputStamp.of(path: file)
        defer { passwordStamp = stamp }
        if gate.stoppedByRefusal, passwordStamp != nil, stamp != passwordStamp { gate.probeSoon(now: now - started) }
    }

    /// Claimed drops that cannot be walked now: they wait, and their departments get pending notes.
    func hold(_ files: [ClaimedFile], _ reason: WaitReason) {
        for file in files {
            waiting[file.id.value] = file
            processor.executor.perform(.hold, file, reason: reason, log: appliance.logger)
        }
    }

    /// Why drops wait while the interface is in `condition`.
    static func waitReason(for condition: InterfaceCondition) -> WaitReason {
        if case .refusing = condition { return .interfaceRefuses(condition) }
        return .interfaceClosed
    }
}
