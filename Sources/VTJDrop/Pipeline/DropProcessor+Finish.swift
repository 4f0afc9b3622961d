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
            rejectedLines: parsed?.rejected ?? [], notes: parsed?.notes ?? [])
    }

    /// The whole drop is refused: a receipt alone says why, and the input goes to quarantine.
    func refuse(_ context: DropContext, refusal: RequestRefusal, parsed: ParsedDrop? = nil,
                authorisation: RequestAuthorisation? = nil, stopsNewWork: Bool = false) -> DropOutcome {
        var receipt = baseReceipt(context, parsed: parsed, authorisation: authorisation, format: nil)
        receipt.refusal = refusal
        context.log.notice("drop refused", metadata: ["reason": "\(refusal.code)"])
        let publisher = appliance.publisher(context.department)
        let receiptPath: String
        do {
            receiptPath = try publishOnce(publisher, name: context.receiptName, bytes: ReceiptRenderer().bytes(receipt))
        } catch {
            return retry(context.claimed, reason: "cannot publish the refusal receipt: \(error)", attempts: attempt(context),
                         stopsNewWork: false, local: true, log: context.log)
        }
        appliance.journal(.refused, for: context.requestID,
                          update: JournalUpdate(resultFiles: [receiptPath], error: refusal.description), log: context.log)
        // Journaled only once moved: a folder still in the work area is finished by the next start.
        if let quarantined = moveLogged(context.claimed, log: context.log, { try appliance.mover.quarantine(workFolder: $0.folder, id: $0.id) }) {
            appliance.journal(.quarantined, for: context.requestID, update: JournalUpdate(storedPath: quarantined), log: context.log)
        }
        return .refused(receipt: receiptPath, reason: refusal.description, stopsNewWork: stopsNewWork)
    }

    /// The input cannot be answered at all (its department is gone): keep it in quarantine.
    func quarantineOnly(_ claimed: ClaimedFile, reason: String, log: Logger) -> DropOutcome {
        if let path = moveLogged(claimed, log: log, { try appliance.mover.quarantine(workFolder: $0.folder, id: $0.id) }) {
            appliance.journal(.quarantined, for: claimed.id.value, update: JournalUpdate(storedPath: path, error: reason), log: log)
        }
        return .refused(receipt: "-", reason: reason)
    }

    /// A transient failure: the claimed input waits in the work folder for the next attempt.
    func retry(_ claimed: ClaimedFile, reason: String, attempts: Int, stopsNewWork: Bool, local: Bool = false,
               log: Logger) -> DropOutcome {
        // Capped exponential back-off: 30 s, 1 min, 2 min … at most 30 min between attempts.
        let delay = min(1800.0, 30.0 * pow(2.0, Double(min(attempts, 10))))
        let retryAt = now.addingTimeInterval(delay)
        log.warning("drop will be retried", metadata: ["reason": "\(DropFileName.maskingHetus(in: reason))", "retry-in-s": "\(Int(delay))"])
        appliance.journal(.failedTransient, for: claimed.id.value, update: JournalUpdate(error: reason, nextAttemptAt: retryAt), log: log)
        return .retryLater(retryAt: retryAt, reason: reason, stopsNewWork: stopsNewWork, local: local, delay: delay)
    }

    /// Stopped mid-walk (shutdown): nothing is journaled as failed; the claimed input resumes at
    /// the next start, and a half-written result is already thrown away.
    func interrupted(_ claimed: ClaimedFile, log: Logger) -> DropOutcome {
        log.notice("drop interrupted by the stop; it resumes at the next start")
        return .retryLater(retryAt: now, reason: "interrupted by the stop", stopsNewWork: false, local: true, delay: 0)
    }

    func attempt(_ context: DropContext) -> Int { ((try? journal.entry(context.requestID)) ?? nil)?.attempts ?? 0 }

    /// Moves the work folder to the archive or quarantine; a failure is logged (the next start
    /// finds the folder still claimed and finishes the move from the journal).
    func moveLogged(_ claimed: ClaimedFile, log: Logger, _ move: (ClaimedFile) throws -> String) -> String? {
        do {
            return try move(claimed)
        } catch {
            log.error("cannot move the finished drop's input out of the work folder; the next start does it",
                      metadata: ["error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
            return nil
        }
    }

    /// Publishes the result (if any) and the receipt, then archives the input.
    func complete(_ context: DropContext, result sink: ResultSink?, receipt: Receipt) throws -> DropOutcome {
        let publisher = appliance.publisher(context.department)
        var resultPath: String?
        if let sink {
            appliance.journal(.resultsWritten, for: context.requestID, log: context.log)
            resultPath = try commitOnce(sink, publisher: publisher)
        }
        let receiptPath = try publishOnce(publisher, name: context.receiptName, bytes: ReceiptRenderer().bytes(receipt))
        try appliance.journalNow(.published, for: context.requestID,
                                 update: JournalUpdate(resultFiles: [resultPath, receiptPath].compactMap { $0 }))
        if let archived = moveLogged(context.claimed, log: context.log, { try appliance.mover.archive(workFolder: $0.folder, id: $0.id) }) {
            appliance.journal(.archived, for: context.requestID, update: JournalUpdate(storedPath: archived), log: context.log)
        }
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
