import Foundation
import Logging
import VTJClient
import VTJCore

extension DropProcessor {
    /// `perustiedot` and `seuranta-lisaa`: current basic data of the listed persons.
    func basicData(_ drop: AuthorisedDrop) async throws -> DropOutcome {
        let context = drop.context
        let rules = DisclosureRules(authorisation: drop.authorisation, today: context.today)
        let operation = drop.content.operation
        let asked = AskedOnly(drop.content.hetus)
        let sink = try makeSink(.basicData, drop, asked: asked)
        DropTiming.mark("sink")
        do {
            // `read` and `querying` go to disk with the query's audit record, in its first transaction.
            DropTiming.mark("journal-querying")
            let report = try await audited(AuditRecord(
                at: now, department: context.department, purpose: drop.authorisation.purpose.rawValue,
                dropID: context.dropID, operation: "perustiedot", scope: .hetuList, hetus: drop.content.hetus,
                detail: operation == .seurantaLisaa ? "seuranta-lisaa" : nil),
                journalSteps: [(.read, drop.readUpdate), (.querying, JournalUpdate())]) {
                // Each answer's persons are prepared on the worker reading it and reach the sink in batches.
                try await appliance.client.basicData(hetus: drop.content.hetus, groups: rules.interfaceGroups) {
                    ResultBatch(sink) { writing, prepared in
                        if let hetu = prepared.copy?.hetu { Self.logContradiction(writing, hetu: hetu, log: context.log) }
                    }
                }
            }
            appliance.journalInterfaceCall(succeeded: true, log: context.log)
            DropTiming.mark("journal-interface")
            try sink.writeNotFound(report.notFound)
            for person in report.undelivered { try sink.writeUndelivered(person) }
            sink.noteUndeliveredGroups(rules.groups, delivered: report.groupsDelivered, source: appliance.interfaceName)
            for note in report.notes { sink.note(note) }
            if operation == .seurantaLisaa {
                let notFound = Set(report.notFound)
                let found = drop.content.hetus.filter { !notFound.contains($0.value) }
                let outcome = try appliance.database.followedRegister.add(
                    found, department: context.department, purpose: drop.authorisation.purpose.rawValue,
                    on: context.today, dropID: context.dropID)
                try await ensureLogKey(department: context.department, scope: .hetuList)
                sink.note(Message(.noteFollowAdded, ["added": .count(outcome.added), "already": .count(outcome.alreadyFollowed)]))
            }
            Self.logContradictionTotal(sink, log: context.log)
            var (receipt, unexpected) = try sink.finish()
            if unexpected > 0 { receipt.notes.append(Message(.noteUnexpectedPersons, ["count": .count(unexpected)])) }
            DropTiming.mark("sink-finish")
            return try complete(context, result: sink, receipt: receipt)
        } catch {
            sink.abandon()
            if let clientError = error as? VTJClientError {
                appliance.journalInterfaceCall(succeeded: false, failure: clientError.description, log: context.log)
            }
            throw error
        }
    }

    /// `kunta-perustiedot`: every resident of the licensed municipalities, page by page.
    func municipalBasicData(_ drop: AuthorisedDrop) async throws -> DropOutcome {
        let context = drop.context
        let rules = DisclosureRules(authorisation: drop.authorisation, today: context.today)
        let sink = try makeSink(.basicData, drop, asked: .everyone)
        do {
            try appliance.journalNow(.querying, for: context.dropID)
            let delivered = SharedList<Henkilotunnus>()
            let report = try await audited(AuditRecord(
                at: now, department: context.department, purpose: drop.authorisation.purpose.rawValue,
                dropID: context.dropID, operation: "perustiedot", scope: .municipalities, hetus: [],
                detail: "kunta-perustiedot")) {
                try await appliance.client.municipalBasicData(groups: rules.interfaceGroups) { person in
                    // A person without a valid henkilötunnus cannot be audited by one; the rules withhold them anyway.
                    if let hetu = try? Henkilotunnus(person.hetu) { delivered.append(hetu) }
                    Self.logContradiction(try sink.write(person), hetu: person.hetu, log: context.log)
                }
            }
            appliance.journalInterfaceCall(succeeded: true, log: context.log)
            // Whom the delivery named is audited too, so a search by hetu finds the query.
            try auditAnswered(AuditRecord(
                at: now, department: context.department, purpose: drop.authorisation.purpose.rawValue,
                dropID: context.dropID, operation: "perustiedot", scope: .municipalities, hetus: delivered.all,
                detail: "kunta-perustiedot: \(report.pages) pages delivered"))
            Self.logContradictionTotal(sink, log: context.log)
            var (receipt, _) = try sink.finish()
            receipt.counts.valid = report.persons
            return try complete(context, result: sink, receipt: receipt)
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// A contradiction is the interface's fault and a near-leak: the operator hears of each one, the
    /// first ``contradictionsLogged`` of a drop one by one (masked), the rest in a total.
    static func logContradiction(_ writing: ResultWriting, hetu: String, log: Logger) {
        guard case .withdraw? = writing.step, writing.contradictions <= contradictionsLogged else { return }
        log.error("the interface answered a person twice with different content; the person is delivered fully censored",
                  metadata: ["hetu": "\(Henkilotunnus.mask(hetu))"])
    }

    static let contradictionsLogged = 20

    static func logContradictionTotal(_ sink: ResultSink, log: Logger) {
        let total = sink.answerTally.contradictions
        guard total > contradictionsLogged else { return }
        log.error("the interface answered persons twice with different content; all are delivered fully censored", metadata: [
            "contradictions": "\(total)", "logged-one-by-one": "\(contradictionsLogged)"])
    }

    /// `seuranta-poista`: the customer relationship ended; the entries are deleted. No query is made.
    func stopFollowing(_ drop: AuthorisedDrop) throws -> DropOutcome {
        let context = drop.context
        let removed = try appliance.database.followedRegister.remove(drop.content.hetus, department: context.department)
        var receipt = baseReceipt(context, content: drop.content, authorisation: drop.authorisation, format: nil)
        receipt.counts.found = removed
        receipt.counts.notFound = drop.content.hetus.count - removed
        receipt.notes.append(Message(.noteFollowRemoved, ["removed": .count(removed), "notFollowed": .count(drop.content.hetus.count - removed)]))
        return try complete(context, result: nil, receipt: receipt)
    }

    func makeSink(_ kind: ResultSink.Kind, _ drop: AuthorisedDrop, asked: AskedOnly) throws -> ResultSink {
        let context = drop.context
        let pending = try appliance.publisher(context.department).begin(context.resultName(drop.format))
        // A sink that cannot start drops its pending file, whose deinit abandons it.
        return try ResultSink(
            kind: kind, pending: pending, format: drop.format, authorisation: drop.authorisation,
            dialect: context.settings.profile.csv,
            receipt: baseReceipt(context, content: drop.content, authorisation: drop.authorisation, format: drop.format),
            operation: drop.content.operation.rawValue, asked: asked,
            scratchFolder: appliance.client.configuration.temporaryDirectory,
            layout: drop.layout,
            carried: context.settings.profile.carryColumns ? drop.content.carried : nil)
    }

    /// Starts a department's change cursor at today's log key when it has none yet.
    func ensureLogKey(department: String, scope: Restriction.Scope) async throws {
        let register = appliance.database.followedRegister
        guard try register.logKey(department: department, scope: scope) == nil else { return }
        let key = try await appliance.client.logKey(on: appliance.today)
        try register.storeLogKey(key, department: department, scope: scope, at: now)
    }
}
