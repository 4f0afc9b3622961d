import VTJDrop

/// `vtjdrop run`'s exit status, decided here only (docs/operations.md, "Exit status"):
/// 0 — everything claimed was finished (published or refused with a receipt);
/// 1 — work could not be done: drops wait for a retry, journal writes are still unwritten, a
///     department is not served, or the state folder was lost or damaged (so cron and systemd see it);
/// 2 — the appliance cannot start (configuration, state folder, file systems).
enum RunExitStatus {
    static let cannotStart: Int32 = 2
    static let workNotDone: Int32 = 1

    /// The status of `run --once`, with the reason for a non-zero one.
    static func once(_ summary: ApplianceRunner.Summary) -> (code: Int32, reason: String?) {
        if let problem = summary.stateProblem { return (workNotDone, problem) }
        var reasons: [String] = []
        if summary.retrying > 0 { reasons.append("\(summary.retrying) drops wait for a retry (see the log)") }
        if summary.unjournaled > 0 { reasons.append("\(summary.unjournaled) journal writes could not be written (see the log)") }
        if summary.departmentsNotServed > 0 { reasons.append("\(summary.departmentsNotServed) departments are not served (see the log)") }
        return reasons.isEmpty ? (0, nil) : (workNotDone, reasons.joined(separator: "; "))
    }

    /// The status of the daemon after it stopped: non-zero when it stopped on its own.
    static func daemon(stoppedBecause problem: String?) -> (code: Int32, reason: String?) {
        problem.map { (workNotDone, $0) } ?? (0, nil)
    }
}
