import Foundation
import Logging
import VTJCore

extension ApplianceRunner {
    /// Whether the interface serves the appliance: one harmless call, unless it answered within the
    /// last minute. The gate and the logged, stored condition follow the outcome.
    func checkInterface() async -> InterfaceCondition {
        if let last = lastAnswered, ContinuousClock.now - last < .seconds(60), gate.isOpen { return .answering }
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
            gate.recordProbeFailure(now: seconds(.now), stopsNewWork: true)
        case .unreachable:
            gate.recordProbeFailure(now: seconds(.now), stopsNewWork: false)
        }
        if found.isAnswering { interfaceAnswered() } else { noteCondition(found) }
        noteGate()
    }

    /// The interface answered (a probe, or a drop's walk).
    func interfaceAnswered() {
        lastAnswered = .now
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
            appliance.database.clearCondition(.interface)
        case .refusing:
            appliance.logger.error("\(new)")
            appliance.database.setCondition(.interface, code: new.code, since: now, detail: new.description)
        case .unreachable:
            appliance.logger.warning("\(new)")
            appliance.database.setCondition(.interface, code: new.code, since: now, detail: new.description)
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
            appliance.database.setCondition(.folders, code: "folder-root-missing", since: appliance.clock.now(), detail: problem)
        } else {
            appliance.logger.notice("the folder roots are back; intake reopens")
            appliance.database.clearCondition(.folders)
        }
        return problem
    }

    /// An edited password file is worth a probe now, while the interface refuses the credentials.
    func watchPasswordFile(now: ContinuousClock.Instant) {
        guard let file = appliance.configuration.credentials.passwordFile else { return }
        let stamp = InputStamp.of(path: file)
        defer { passwordStamp = stamp }
        if gate.stoppedByRefusal, passwordStamp != nil, stamp != passwordStamp { gate.probeSoon(now: seconds(now)) }
    }

    /// Claimed drops that cannot be walked now: they wait, and their departments get pending notes.
    func hold(_ files: [ClaimedFile], _ reason: WaitReason) {
        for file in files {
            waiting[file.id.value] = file
            PendingNote(appliance: appliance, claimed: file).write(reason, retryAt: nil)
        }
    }

    /// Why drops wait while the interface is in `condition`.
    static func waitReason(for condition: InterfaceCondition) -> WaitReason {
        if case .refusing = condition { return .interfaceRefuses(condition) }
        return .interfaceClosed
    }
}
