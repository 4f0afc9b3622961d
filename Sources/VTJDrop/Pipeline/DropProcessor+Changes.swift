import Foundation
import Logging
import Synchronization
import VTJClient
import VTJCore

extension DropProcessor {
    /// `muutokset` (the followed register's changes) and `kunta-muutokset` (the municipality's):
    /// changes after the stored log key, disclosed in `muutospv` order; the key is stored only
    /// after the delivery is published.
    func changeDelivery(_ drop: AuthorisedDrop) async throws -> DropOutcome {
        let context = drop.context
        let scope: Restriction.Scope = drop.content.operation == .kuntaMuutokset ? .municipalities : .hetuList
        let register = appliance.database.followedRegister
        let purpose = drop.authorisation.purpose.rawValue
        let sink = try makeSink(.changes, drop, asked: .everyone)
        do {
            try appliance.journalNow(.querying, for: context.dropID)
            guard let start = try register.logKey(department: context.department, scope: scope) else {
                try await ensureLogKey(department: context.department, scope: scope)
                sink.note(Message(.noteChangeTrackingStarts))
                var (receipt, _) = try sink.finish()
                receipt.counts.changes = 0
                return try complete(context, result: sink, receipt: receipt)
            }

            let collected = SharedList<Change>()
            var lastKeys: [Int64] = []
            if scope == .hetuList {
                var batches: [[Henkilotunnus]] = []
                try register.forEachBatch(department: context.department, batchSize: Restriction.maxHetusPerMessage) { entries in
                    batches.append(entries.map(\.hetu))
                }
                if batches.isEmpty { sink.note(Message(.noteFollowedRegisterEmpty)) }
                for batch in batches {
                    lastKeys.append(try await audited(AuditRecord(
                        at: now, department: context.department, purpose: purpose, dropID: context.dropID,
                        operation: "muutokset", scope: .hetuList, hetus: batch, detail: "after log key \(start)")) {
                        try await appliance.client.changes(after: start, restriction: .hetulista(batch.map(\.value))) { page in
                            collected.append(contentsOf: page.changes)
                        }
                    })
                }
            } else {
                lastKeys.append(try await audited(AuditRecord(
                    at: now, department: context.department, purpose: purpose, dropID: context.dropID,
                    operation: "muutokset", scope: .municipalities, hetus: [], detail: "kunta-muutokset after log key \(start)")) {
                    try await appliance.client.changes(after: start, restriction: .kuntarajaus([])) { page in
                        collected.append(contentsOf: page.changes)
                    }
                })
                try auditAnswered(AuditRecord(
                    at: now, department: context.department, purpose: purpose, dropID: context.dropID,
                    operation: "muutokset", scope: .municipalities, hetus: Self.distinctHetus(of: collected.all), detail: "after log key \(start)"))
            }
            appliance.journalInterfaceCall(succeeded: true, log: context.log)

            // Apply in muutospv order (stable: entries of one moment keep the interface's order).
            let changes = collected.all.enumerated()
                .sorted { ($0.element.muutospv, $0.offset) < ($1.element.muutospv, $1.offset) }
                .map(\.element)
            try rekeyCorrections(changes)
            let seeds = try await protectionSeeds(for: changes, context: context, purpose: purpose)
            var tracker = ProtectionTracker(states: seeds)
            let rules = DisclosureRules(authorisation: drop.authorisation, today: context.today)
            for change in changes { try sink.write(tracker.disclose(change, with: rules)) }

            var (receipt, _) = try sink.finish()
            receipt.counts.changes = changes.count
            // Resumed after a crash that came after the result was published: that earlier file is
            // kept, and it holds the earlier attempt's changes, which end at the key that attempt
            // noted. The cursor moves there, not to this attempt's key, so nothing is skipped or repeated.
            let publishedBefore = FileManager.default.fileExists(
                atPath: appliance.publisher(context.department).folder + "/" + context.resultName(drop.format))
            if publishedBefore {
                let noted = try register.pendingLogKey(dropID: context.dropID) != nil
                receipt.notes.append(Message(noted ? .notePublishedBeforeStands : .notePublishedBeforeRepeats))
            } else if let key = lastKeys.min() {
                // With several messages the smallest final key is kept, so no message's changes are skipped.
                try register.notePendingLogKey(key, dropID: context.dropID, department: context.department,
                                               scope: scope, at: now)
            }
            let outcome = try complete(context, result: sink, receipt: receipt)
            // Published: the cursor may move. A crash (or a database error) before it does is settled
            // at the next start (WorkRecovery), from the journal's word that the delivery was published;
            // failing the drop here would only retry a delivery that is already out.
            do {
                try register.commitPendingLogKey(dropID: context.dropID, at: now)
            } catch {
                context.log.error("cannot store the change cursor; it is stored at the next start, and until then the next delivery repeats these changes",
                                  metadata: ["error": "\(error)"])
            }
            return outcome
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// A hetu correction arrives under the old hetu: follow the new one from now on.
    func rekeyCorrections(_ changes: [Change]) throws {
        for change in changes {
            for record in change.records(.henkilotunnusKorjaus) where record.change != .changed && record.change != .removed {
                // An invalid henkilötunnus on either side cannot be followed: nothing to re-key.
                guard let newText = record.text("aktiivinenHenkilotunnus"), newText != change.hetu,
                      let old = try? Henkilotunnus(change.hetu), let new = try? Henkilotunnus(newText)
                else { continue }
                let departments = try appliance.database.followedRegister.rekey(from: old, to: new)
                if !departments.isEmpty {
                    appliance.logger.info("followed person re-keyed after a hetu correction",
                                          metadata: ["old": "\(old.masked)", "new": "\(new.masked)", "departments": "\(departments.count)"])
                }
            }
        }
    }

    /// What is known about each changed person's turvakielto before the first entry is read.
    ///
    /// Fails closed: a person whose entries mention TURVAKIELTO at all, or whose current state
    /// cannot be read, starts as protected; only a current "not protected" answer releases addresses.
    func protectionSeeds(for changes: [Change], context: DropContext, purpose: String) async throws -> [String: ProtectionKnowledge] {
        var seeds: [String: ProtectionKnowledge] = [:]
        var toAsk: [Henkilotunnus] = []
        for change in changes where seeds[change.hetu] == nil {
            if !change.records(.turvakielto).isEmpty {
                seeds[change.hetu] = .protected
            } else if let hetu = try? Henkilotunnus(change.hetu) {  // invalid: cannot be asked about, stays unknown (fails closed)
                seeds[change.hetu] = .unknown
                toAsk.append(hetu)
            }
        }
        for change in changes where !change.records(.turvakielto).isEmpty { seeds[change.hetu] = .protected }
        toAsk = toAsk.filter { seeds[$0.value] == .unknown }
        guard !toAsk.isEmpty else { return seeds }
        let states = Mutex<[String: ProtectionKnowledge]>([:])
        _ = try await audited(AuditRecord(
            at: now, department: context.department, purpose: purpose, dropID: context.dropID,
            operation: "perustiedot", scope: .hetuList, hetus: toAsk, detail: "turvakielto check for a change delivery")) {
            try await appliance.client.basicData(hetus: toAsk, groups: [.turvakielto]) { person in
                let protected = person.isUnderTurvakielto(on: context.today)
                states.withLock { $0[person.hetu] = protected ? .protected : .notProtected }
            }
        }
        for (hetu, state) in states.withLock({ $0 }) { seeds[hetu] = state }
        return seeds
    }

    /// The distinct valid hetus a set of changes is about, in first-seen order.
    static func distinctHetus(of changes: [Change]) -> [Henkilotunnus] {
        var seen = Set<String>()
        return changes.compactMap { change in
            guard seen.insert(change.hetu).inserted else { return nil }
            return try? Henkilotunnus(change.hetu)  // invalid: cannot be asked about
        }
    }
}
