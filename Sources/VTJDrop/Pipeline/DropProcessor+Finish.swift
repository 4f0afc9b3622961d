import Foundation
import Logging
import VTJClient
import VTJCore

extension DropProcessor {
    /// The receipt every outcome starts from.
    func baseReceipt(_ context: DropContext, content: DropContent?, authorisation: DropAuthorisation?,
                     format: OutputFormat?) -> Receipt {
        appliance.receiptBuilder.drop(context, content: content, authorisation: authorisation, format: format,
                                      notes: repeatNote(context))
    }

    /// The whole drop is refused: a receipt alone says why, and the input goes to quarantine.
    func refuse(_ context: DropContext, refusal: DropRefusal, content: DropContent? = nil,
                authorisation: DropAuthorisation? = nil) -> DropOutcome {
        do {
            // A file still being written is not refused for what its first part holds (empty, cut short).
            try ensureInputUnchanged(context)
        } catch {
            return wait(context.claimed, .inputChanging("\(error)"), attempts: attempt(context), log: context.log,
                        delay: quietPeriod)
        }
        let receipt = appliance.receiptBuilder.refusal(refusal, context, content: content, authorisation: authorisation,
                                                       notes: repeatNote(context))
        context.log.notice("drop refused", metadata: ["reason": "\(refusal.code)"])
        let receiptPaths: [String]
        do {
            receiptPaths = try appliance.receipts.deliver(receipt: receipt, for: context.claimed.originalName)
        } catch {
            return wait(context.claimed, .local("cannot publish the refusal receipt: \(error)"), attempts: attempt(context),
                        log: context.log)
        }
        appliance.journal(.refused, for: context.dropID,
                          update: JournalUpdate(resultFiles: receiptPaths, error: refusal.description), log: context.log)
        appliance.reportRefused(department: context.department, code: refusal.code, receiptPaths: receiptPaths)
        // Journaled only once moved: a folder still in the work area is finished by the next start.
        executor.perform(DropLifecycle.next(inState: .refused), context.claimed, log: context.log)
        return .refused(receipt: receiptPaths.last ?? "-", reason: refusal.description)
    }

    /// The input cannot be answered at all (its department is gone): keep it in quarantine.
    func quarantineOnly(_ claimed: ClaimedFile, reason: String, log: Logger) -> DropOutcome {
        executor.quarantine(claimed, unanswerable: reason, log: log)
        return .refused(receipt: "-", reason: reason)
    }

    /// The drop cannot finish now: it waits claimed in its work folder for the next attempt, and
    /// its department's outbox gets a pending note saying so.
    ///
    /// - Parameter delay: the time until the next attempt; by default the lifecycle's
    ///   (``DropLifecycle/retryDelay(attempts:requested:)``: 30 s, 1 min, 2 min … at most 30 min).
    ///   A refusing or closed interface is retried sooner, as soon as a probe finds it answering again.
    func wait(_ claimed: ClaimedFile, _ reason: WaitReason, attempts: Int, log: Logger, delay: Duration? = nil) -> DropOutcome {
        executor.retry(claimed, reason, after: DropLifecycle.retryDelay(attempts: attempts, requested: delay), log: log)
    }

    /// Stopped mid-walk (shutdown): nothing is journaled as failed and no note is written; the
    /// claimed input resumes at the next start, and a half-written result is already thrown away.
    func interrupted(_ claimed: ClaimedFile, log: Logger) -> DropOutcome {
        log.notice("drop interrupted by the stop; it resumes at the next start")
        return .waiting(retryAt: now, after: .zero, reason: .local("interrupted by the stop; it resumes at the next start"))
    }

    /// Attempts journaled so far (0 when unreadable: the back-off then starts short again, which is logged).
    func attempt(_ context: DropContext) -> Int {
        do {
            return try journal.entry(context.dropID)?.attempts ?? 0
        } catch {
            context.log.warning("cannot read the drop's attempts from the journal; its retry waits the shortest back-off",
                                metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Performs the lifecycle's actions (moves, retries, holds) for this walk.
    var executor: DropExecutor { DropExecutor(appliance: appliance) }

    /// Publishes the result (if any) and the receipt, records the disclosure, then archives the input.
    ///
    /// Nothing is published when the input changed after it was read (``InputChanging``).
    func complete(_ context: DropContext, result sink: ResultSink?, receipt: Receipt) throws -> DropOutcome {
        try ensureInputUnchanged(context)
        DropTiming.mark("input-check")
        let publisher = appliance.publisher(context.department)
        var resultPath: String?
        if let sink {
            appliance.journal(.resultsWritten, for: context.dropID, log: context.log)
            DropTiming.mark("journal-results-written")
            resultPath = try commitOnce(sink, publisher: publisher)
            DropTiming.mark("result-publish")
        }
        let receiptPaths = try appliance.receipts.deliver(receipt: receipt, for: context.claimed.originalName)
        DropTiming.current?.markReceipt("receipt")
        // Who is disclosed goes on record now, a few thousand persons per transaction, after the
        // receipt (a large result's rows take seconds); the publication's transaction below makes
        // them a disclosure by writing its header alone. A crash in between walks the drop again,
        // which finds its files published, stages again and publishes.
        let staged = try sink.flatMap { sink in
            try appliance.database.auditLog.stageDisclosure(dropID: context.dropID, at: now, persons: sink,
                                                            scratchFolder: appliance.client.configuration.temporaryDirectory,
                                                            pace: Self.writerPace())
        }
        DropTiming.mark("disclosure-staged")
        let disclosure = sink.map { sink in
            DisclosureRecord(at: now, department: context.department, purpose: receipt.purpose ?? "",
                             dropID: context.dropID, operation: receipt.operation ?? "perustiedot",
                             resultFile: resultPath.map { ($0 as NSString).lastPathComponent }, persons: [])
        }
        // On record before the archive move, after any write of this request still waiting (in order).
        let at = now
        try appliance.journalBacklog.recordNow(journal, key: context.dropID) { _ in
            try appliance.database.recordPublication(dropID: context.dropID, at: at,
                                                     update: JournalUpdate(resultFiles: [resultPath].compactMap { $0 } + receiptPaths),
                                                     disclosure: disclosure, persons: staged == nil ? sink : nil,
                                                     staged: staged)
        }
        DropTiming.mark("publication")
        appliance.reportPublished(department: context.department, receipt: receipt, hasResult: sink != nil,
                                  withheld: sink?.withheldPersons() ?? [:], files: [resultPath].compactMap { $0 } + receiptPaths)
        if context.inputStamp != nil, context.claimed.currentStamp() != context.inputStamp {
            // Only a writer that resumed in the moment between the last check and the rename gets here.
            context.log.error("the dropped file changed just as its result was published; the archived input holds more than the result answers")
        }
        executor.perform(DropLifecycle.next(inState: .published), context.claimed, log: context.log)
        DropTiming.mark("archive")
        context.log.info("drop published", metadata: [
            "found": "\(receipt.counts.found)", "not-found": "\(receipt.counts.notFound)",
            "protected": "\(receipt.counts.protected)", "withheld-records": "\(receipt.withheld.totalRecords)",
        ])
        return .published(result: resultPath, receipt: receiptPaths.last ?? "-")
    }

    func commitOnce(_ sink: ResultSink, publisher: Publisher) throws -> String {
        do {
            return try sink.commit()
        } catch DeliveryError.alreadyExists(let path) {
            return path
        }
    }
}
