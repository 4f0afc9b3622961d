import Foundation
import VTJClient
import VTJCore
import VTJOperator

/// The runtime's events as the operator's metrics see them: every call into ``ApplianceMetrics``
/// is made from here, once per event, so the lifecycle code calls one named function per event
/// (and issue 14's lifecycle executor can take them over in one move).
extension Appliance {
    /// The client's attempts and the database's failed writes, counted where they happen.
    func connectMetrics() {
        let metrics = self.metrics
        let clock = self.clock
        let heartbeat = self.heartbeat
        let progress = self.progress
        client.observe { call in
            // A drop of 100,000 persons keeps the loop away for minutes; its calls show it works.
            heartbeat.beat()
            let operation = call.operation.rawValue
            metrics.interfaceCall(operation: operation, status: call.status.map { .http($0) } ?? .noAnswer,
                                  latency: call.duration, at: clock.now())
            if call.willRetry { metrics.retry(operation: operation) }
            if call.succeeded, call.hetus > 0 { progress.answered(hetus: call.hetus) }
        }
        database.writeFailures.listen { kind in
            switch kind {
            case .journal: metrics.journalWriteFailed()
            case .audit: metrics.auditWriteFailed()
            }
        }
    }

    /// A drop was journaled as claimed for the first time (a resumed walk is not a new claim).
    func reportClaimed(department: String) { metrics.dropClaimed(department: department) }

    /// `count` henkilötunnus are about to be sent to the interface (the audit log records them in the same step).
    /// `byHetu`: a `perustiedot` by hetu list, whose messages the progress line counts.
    func reportQueried(department: String, count: Int, byHetu: Bool) {
        metrics.henkilotunnusQueried(department: department, count: count)
        if byHetu { progress.planned(hetus: count, perMessage: client.configuration.maxHetusPerMessage) }
    }

    /// A result (or a receipt alone) was published; `files` are what went into the outbox.
    func reportPublished(department: String, receipt: Receipt, hasResult: Bool, withheld: [WithholdingRule: Int], files: [String]) {
        let outcome: PublicationOutcome = if !hasResult {
            .receiptOnly
        } else if receipt.counts.notFound > 0 || receipt.counts.invalid > 0 || receipt.withheld.totalRecords > 0 {
            .partial
        } else {
            .complete
        }
        metrics.dropPublished(department: department, outcome: outcome)
        for (rule, persons) in withheld { metrics.personsWithheld(department: department, rule: rule, count: persons) }
        reportBytes(department: department, files: files)
    }

    /// A drop was refused; its receipt (and list file, if any: `receiptPaths`) was published.
    func reportRefused(department: String, code: String, receiptPaths: [String]) {
        metrics.dropRefused(department: department, reason: code)
        reportBytes(department: department, files: receiptPaths)
    }

    /// An attempt failed and the drop waits for another.
    func reportWaiting(department: String, reason: WaitReason) {
        let failure: DropFailure = switch reason {
        case .interfaceRefuses: .interfaceRefuses
        case .interfaceUnavailable, .interfaceClosed: .interface
        case .local: .local
        case .inputChanging: .inputChanging
        }
        metrics.dropFailed(department: department, failure: failure)
    }

    /// A drop was quarantined without a refusal receipt (it cannot be answered at all).
    func reportFailedForGood(department: String) { metrics.dropFailed(department: department, failure: .permanent) }

    private func reportBytes(department: String, files: [String]) {
        var total = 0
        for file in files {
            var info = stat()
            if stat(file, &info) == 0 { total += Int(info.st_size) }
        }
        metrics.resultBytesWritten(department: department, bytes: total)
    }
}
