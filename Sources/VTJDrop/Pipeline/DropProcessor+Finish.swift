import Foundation
import Logging
import VTJCore

extension DropProcessor {
    /// The receipt every outcome starts from.
    func baseReceipt(_ context: DropContext, parsed: ParsedDrop?, authorisation: RequestAuthorisation?,
                     format: OutputFormat?) -> Receipt {
        var counts = ReceiptCounts()
        if let parsed {
            counts.lines = parsed.lines
            counts.valid = parsed.hetus.count
            counts.invalid = parsed.invalid
            counts.duplicates = parsed.duplicates
        }
        return Receipt(
            requestID: context.requestID, department: context.department, file: context.claimed.originalName.display,
            processingDate: context.today, operation: parsed?.operation.rawValue,
            purpose: authorisation?.purpose.rawValue ?? parsed?.purpose, format: format?.rawValue,
            reference: parsed?.reference, groups: authorisation?.groups ?? [],
            refusedGroups: authorisation?.refusedGroups ?? [], counts: counts,
            rejectedLines: parsed?.rejected ?? [], notes: parsed?.notes ?? [],
            processedAt: appliance.finnishTime.zoned(at: appliance.clock.instant()), isTestData: context.isTestData)
    }

    /// The whole drop is refused: a receipt alone says why, and the input goes to quarantine.
    func refuse(_ context: DropContext, refusal: RequestRefusal, parsed: ParsedDrop? = nil,
                authorisation: RequestAuthorisation? = nil) -> DropOutcome {
        do {
            // A file still being written is not refused for what its first part holds (empty, cut short).
            try ensureInputUnchanged(context)
        } catch {
            return wait(context.claimed, .inputChanging("\(error)"), attempts: attempt(context), log: context.log,
                        delay: quietPeriod)
        }
        var receipt = baseReceipt(context, parsed: parsed, authorisation: authorisation, format: nil)
        receipt.refusal = refusal
        context.log.notice("drop refused", metadata: ["reason": "\(refusal.code)"])
        let publisher = appliance.publisher(context.department)
        let receiptPath: String
        do {
            receiptPath = try publishOnce(publisher, name: context.receiptName, bytes: ReceiptRenderer().bytes(receipt))
        } catch {
            return wait(context.claimed, .local("cannot publish the refusal receipt: \(error)"), attempts: attempt(context),
                        log: context.log)
        }
        _ = try? journal.record(.refused, for: context.requestID, at: now,
                                update: JournalUpdate(resultFiles: [receiptPath], error: refusal.description))
        appliance.reportRefused(department: context.department, code: refusal.code, receiptPath: receiptPath)
        PendingNote(appliance: appliance, claimed: context.claimed).remove()
        let quarantined = try? appliance.mover.quarantine(workFolder: context.claimed.folder, id: context.claimed.id)
        _ = try? journal.record(.quarantined, for: context.requestID, at: now, update: JournalUpdate(storedPath: quarantined))
        return .refused(receipt: receiptPath, reason: refusal.description)
    }

    /// The input cannot be answered at all (its department is gone): keep it in quarantine.
    func quarantineOnly(_ claimed: ClaimedFile, reason: String, log: Logger) -> DropOutcome {
        let path = try? appliance.mover.quarantine(workFolder: claimed.folder, id: claimed.id)
        _ = try? journal.record(.quarantined, for: claimed.id.value, at: now,
                                update: JournalUpdate(storedPath: path, error: reason))
        appliance.reportFailedForGood(department: claimed.department)
        return .refused(receipt: "-", reason: reason)
    }

    /// The drop cannot finish now: it waits claimed in its work folder for the next attempt, and
    /// its department's outbox gets a pending note saying so.
    ///
    /// - Parameter delay: seconds until the next attempt; by default a capped exponential back-off
    ///   (30 s, 1 min, 2 min … at most 30 min). A refusing or closed interface is retried sooner,
    ///   as soon as a probe finds it answering again.
    func wait(_ claimed: ClaimedFile, _ reason: WaitReason, attempts: Int, log: Logger, delay: Double? = nil) -> DropOutcome {
        let seconds = delay ?? min(1800.0, 30.0 * pow(2.0, Double(min(attempts, 10))))
        let retryAt = now.addingTimeInterval(seconds)
        log.warning("drop will be retried", metadata: [
            "reason": "\(DropFileName.maskingHetus(in: reason.description))", "retry-in-s": "\(Int(seconds.rounded(.up)))",
        ])
        _ = try? journal.record(.failedTransient, for: claimed.id.value, at: now,
                                update: JournalUpdate(error: reason.description, nextAttemptAt: retryAt))
        PendingNote(appliance: appliance, claimed: claimed).write(reason, retryAt: retryAt)
        appliance.reportWaiting(department: claimed.department, reason: reason)
        return .waiting(retryAt: retryAt, reason: reason)
    }

    func attempt(_ context: DropContext) -> Int { ((try? journal.entry(context.requestID)) ?? nil)?.attempts ?? 0 }

    /// Publishes the result (if any) and the receipt, records the disclosure, then archives the input.
    ///
    /// Nothing is published when the input changed after it was read (``InputChanging``).
    func complete(_ context: DropContext, result sink: ResultSink?, receipt: Receipt) throws -> DropOutcome {
        try ensureInputUnchanged(context)
        let publisher = appliance.publisher(context.department)
        var resultPath: String?
        if let sink {
            _ = try? journal.record(.resultsWritten, for: context.requestID, at: now)
            resultPath = try commitOnce(sink, publisher: publisher)
        }
        let receiptPath = try publishOnce(publisher, name: context.receiptName, bytes: ReceiptRenderer().bytes(receipt))
        let disclosure = sink.map { sink in
            DisclosureRecord(at: now, department: context.department, purpose: receipt.purpose ?? "",
                             requestID: context.requestID, operation: receipt.operation ?? "perustiedot",
                             resultFile: resultPath.map { ($0 as NSString).lastPathComponent }, persons: sink.disclosedPersons())
        }
        try appliance.database.recordPublication(requestID: context.requestID, at: now,
                                                 update: JournalUpdate(resultFiles: [resultPath, receiptPath].compactMap { $0 }),
                                                 disclosure: disclosure)
        appliance.reportPublished(department: context.department, receipt: receipt, hasResult: sink != nil,
                                  withheld: sink?.withheldPersons() ?? [:], files: [resultPath, receiptPath].compactMap { $0 })
        PendingNote(appliance: appliance, claimed: context.claimed).remove()
        if context.inputStamp != nil, context.claimed.currentStamp() != context.inputStamp {
            // Only a writer that resumed in the moment between the last check and the rename gets here.
            context.log.error("the dropped file changed just as its result was published; the archived input holds more than the result answers")
        }
        let archived = try? appliance.mover.archive(workFolder: context.claimed.folder, id: context.claimed.id)
        _ = try? journal.record(.archived, for: context.requestID, at: now, update: JournalUpdate(storedPath: archived))
        context.log.info("drop published", metadata: [
            "found": "\(receipt.counts.found)", "not-found": "\(receipt.counts.notFound)",
            "protected": "\(receipt.counts.protected)", "withheld-records": "\(receipt.withheld.totalRecords)",
        ])
        return .published(result: resultPath, receipt: receiptPath)
    }

    /// Names carry the unique request id, so an existing file of that name can only be this
    /// request's own, published before a crash: it is kept, never replaced or duplicated.
    func publishOnce(_ publisher: Publisher, name: String, bytes: [UInt8]) throws -> String {
        do {
            return try publisher.publish(name, bytes: bytes)
        } catch DeliveryError.alreadyExists(let path) {
            return path
        }
    }

    func commitOnce(_ sink: ResultSink, publisher: Publisher) throws -> String {
        do {
            return try sink.commit()
        } catch DeliveryError.alreadyExists(let path) {
            return path
        }
    }
}
