import VTJDrop

/// `vtjdrop run`'s exit status, decided here only (docs/operations.md, "Exit status"):
/// 0 — done (drops that met a transient interface fault wait for the next run);
/// 1 — work could not be done on this side: the state folder was lost or damaged, journal writes
///     are still unwritten, or a department is not served (its folders do not work);
/// 2 — the appliance cannot start (configuration, a missing folder root, another vtjdrop on the
///     state folder, inbox and state on different file systems), or a folder root vanished;
/// 3 — the interface refuses the appliance; 4 — the interface cannot be reached (with 3 and 4 the
///     inbox is left untouched).
enum RunExitStatus {
    static let cannotStart: Int32 = 2

    /// The status of `run --once`, with the reason for a non-zero one.
    static func once(_ summary: ApplianceRunner.Summary) -> (code: Int32, reason: String?) {
        if let problem = summary.stateProblem { return (1, problem) }
        if let folders = summary.folders { return (2, "intake closed: \(folders)") }
        switch summary.interface {
        case .refusing?: return (3, summary.interface.map { "\($0)" })
        case .unreachable?: return (4, summary.interface.map { "\($0)" })
        case .answering?, nil: break
        }
        var reasons: [String] = []
        if summary.unjournaled > 0 { reasons.append("\(summary.unjournaled) journal writes could not be written (see the log)") }
        if summary.departmentsNotServed > 0 { reasons.append("\(summary.departmentsNotServed) departments are not served (see the log)") }
        return reasons.isEmpty ? (0, nil) : (1, reasons.joined(separator: "; "))
    }

    /// The status of the daemon after it stopped: non-zero when it stopped on its own.
    static func daemon(stoppedBecause problem: String?) -> (code: Int32, reason: String?) {
        problem.map { (1, $0) } ?? (0, nil)
    }
}
