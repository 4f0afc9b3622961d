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
        _ = try? journal.record(.refused, for: context.requestID, at: now,
                                update: JournalUpdate(resultFiles: [receiptPath], error: refusal.description))
        let quarantined = try? appliance.mover.quarantine(workFolder: context.claimed.folder, id: context.claimed.id)
        _ = try? journal.record(.quarantined, for: context.requestID, at: now, update: JournalUpdate(storedPath: quarantined))
        return .refused(receipt: receiptPath, reason: refusal.description, stopsNewWork: stopsNewWork)
    }

    /// The input cannot be answered at all (its department is gone): keep it in quarantine.
    func quarantineOnly(_ claimed: ClaimedFile, reason: String, log: Logger) -> DropOutcome {
        let path = try? appliance.mover.quarantine(workFolder: claimed.folder, id: claimed.id)
        _ = try? journal.record(.quarantined, for: claimed.id.value, at: now,
                                update: JournalUpdate(storedPath: path, error: reason))
        return .refused(receipt: "-", reason: reason)
    }

    /// A transient failure: the claimed input waits in the work folder for the next attempt.
    func retry(_ claimed: ClaimedFile, reason: String, attempts: Int, stopsNewWork: Bool, local: Bool = false,
               log: Logger) -> DropOutcome {
        // Capped exponential back-off: 30 s, 1 min, 2 min … at most 30 min between attempts.
        let delay = min(1800.0, 30.0 * pow(2.0, Double(min(attempts, 10))))
        let retryAt = now.addingTimeInterval(delay)
        log.warning("drop will be retried", metadata: ["reason": "\(DropFileName.maskingHetus(in: reason))", "retry-in-s": "\(Int(delay))"])
        _ = try? journal.record(.failedTransient, for: claimed.id.value, at: now,
                                update: JournalUpdate(error: reason, nextAttemptAt: retryAt))
        return .retryLater(retryAt: retryAt, reason: reason, stopsNewWork: stopsNewWork, local: local)
    }

    func attempt(_ context: DropContext) -> Int { ((try? journal.entry(context.requestID)) ?? nil)?.attempts ?? 0 }

    /// Publishes the result (if any) and the receipt, then archives the input.
    func complete(_ context: DropContext, result sink: ResultSink?, receipt: Receipt) throws -> DropOutcome {
        let publisher = appliance.publisher(context.department)
        var resultPath: String?
        if let sink {
            _ = try? journal.record(.resultsWritten, for: context.requestID, at: now)
            resultPath = try commitOnce(sink, publisher: publisher)
        }
        let receiptPath = try publishOnce(publisher, name: context.receiptName, bytes: ReceiptRenderer().bytes(receipt))
        _ = try journal.record(.published, for: context.requestID, at: now,
                               update: JournalUpdate(resultFiles: [resultPath, receiptPath].compactMap { $0 }))
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
