import Foundation
import Logging
import VTJCore

extension ApplianceRunner {
    /// The change deliveries owed now, claimed like drops: each department that follows persons (or
    /// has started municipality-wide changes) gets one per schedule slot.
    func dueScheduledDrops() -> [ClaimedFile] {
        let schedule = appliance.configuration.changeSchedule
        let journal = appliance.database.journal
        let nowDate = appliance.clock.now()
        let last: Instant?
        do {
            last = try journal.lastScheduledRun(Journal.changeFetchRun).map { Instant($0) }
        } catch {
            // Unknown when the schedule last ran: deciding without it could run a slot twice.
            if scheduleComplaintDue() {
                appliance.logger.error("cannot read when the change schedule last ran; scheduled fetches wait until the journal can be read",
                                       metadata: ["error": "\(error)"])
            }
            return []
        }
        switch schedule.decide(lastRun: last, now: Instant(nowDate), zone: appliance.finnishTime) {
        case .runNow(let slot):
            // Recorded first: a crash mid-run must not make the same slot run again and again. Not
            // recorded, not run: the next turn tries again (said once a minute at most).
            do {
                try appliance.journalBacklog.recordNow(journal, key: Journal.changeFetchRun) {
                    try $0.recordScheduledRun(Journal.changeFetchRun, at: nowDate)
                }
            } catch {
                if scheduleComplaintDue() {
                    appliance.logger.error("cannot record the scheduled change fetch; it waits until the journal can be written",
                                           metadata: ["slot": "\(slot)", "error": "\(error)"])
                }
                return []
            }
            appliance.logger.info("scheduled change fetch", metadata: ["slot": "\(slot)"])
            return scheduledDrops()
        case .waitUntil:
            // The first start sets the baseline, so a slot missed while stopped is made up later.
            if last == nil {
                appliance.journalBacklog.record(journal, key: Journal.changeFetchRun, what: "schedule baseline", logger: appliance.logger) {
                    try $0.recordScheduledRun(Journal.changeFetchRun, at: nowDate)
                }
            }
        case .onDemandOnly:
            break
        }
        return []
    }

    /// Plans a change delivery for each department that is owed one, in memory: claimed under a
    /// new request id with a claim note naming the `toiminto` (the plan a restart resumes, never
    /// a file in any inbox), then walked like a drop, with the same journal, receipt and crash safety.
    func scheduledDrops() -> [ClaimedFile] {
        var claimed: [ClaimedFile] = []
        // The SOAP query interface has no change log: a followed register left from another wire waits.
        guard appliance.configuration.interface.wire.serves(.muutokset) else { return [] }
        let register = appliance.database.followedRegister
        for department in appliance.configuration.departments {
            var operations: [DropContent.Operation] = []
            do {
                if try register.count(department: department.id) > 0 { operations.append(.muutokset) }
                if department.profile.municipalityWide, try register.logKey(department: department.id, scope: .municipalities) != nil {
                    operations.append(.kuntaMuutokset)
                }
            } catch {
                // The slot is recorded already: this department's changes come with the next slot.
                appliance.logger.error("cannot read the followed register; this department's scheduled change fetch is skipped until the next slot",
                                       metadata: ["department": "\(department.id)", "error": "\(error)"])
                continue
            }
            for operation in operations {
                if let file = planScheduledFetch(department: department.id, operation: operation) { claimed.append(file) }
            }
        }
        return claimed
    }

    /// The claim of one planned fetch; its name (`ajastettu-<toiminto>`) gives the receipt and
    /// result their stem, as every scheduled delivery's has been.
    private func planScheduledFetch(department: String, operation: DropContent.Operation) -> ClaimedFile? {
        let name = DropFileName(DropContent.scheduledReference + "-" + operation.rawValue + ".xml")
        do {
            return try appliance.claimer(department).plan(operation, department: department, name: name, id: DropIDGenerator.next())
        } catch {
            appliance.logger.error("cannot start a scheduled change fetch",
                                   metadata: ["department": "\(department)", "error": "\(error)"])
            return nil
        }
    }

    /// Deletes archived and quarantined inputs whose retention has ended (data minimisation), and
    /// published files whose outbox retention has ended, at most once an hour; every deletion is
    /// logged and journaled (outbox removals in the audit log).
    func runRetention(force: Bool = false) {
        let now = appliance.clock.now()
        if !force, let last = lastRetentionRun, now.timeIntervalSince(last) < 3600 { return }
        lastRetentionRun = now
        runOutboxRetention(now: now)
        let journal = appliance.database.journal
        let due: [RetentionCandidate]
        do {
            due = try journal.dueForDeletion(policy: appliance.configuration.retention, now: now)
        } catch {
            appliance.logger.error("cannot read which inputs retention deletes; they are kept until the next hourly sweep",
                                   metadata: ["error": "\(error)"])
            return
        }
        for candidate in due {
            do {
                // An inbox entry quarantined unread lies in a folder of its own request id: the folder goes.
                let parent = (candidate.path as NSString).deletingLastPathComponent
                let target = candidate.kind == .quarantine && parent == appliance.mover.quarantineFolder + "/" + candidate.dropID
                    ? parent : candidate.path
                if FileManager.default.fileExists(atPath: target) {
                    try FileManager.default.removeItem(atPath: target)
                }
                try journal.recordRetentionDeletion(candidate, at: now)
                appliance.logger.info("retention ended; input deleted", metadata: [
                    "request": "\(candidate.dropID)", "department": "\(candidate.department)",
                    "kind": "\(candidate.kind.rawValue)",
                ])
            } catch {
                appliance.logger.error("retention could not delete an input",
                                       metadata: ["request": "\(candidate.dropID)", "error": "\(error)"])
            }
        }
    }
}
