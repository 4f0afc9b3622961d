/// `vtjdrop run`'s exit status, decided here only (docs/operations.md, "Exit status"):
/// 0 — done (drops that met a transient interface fault wait for the next run);
/// 1 — work could not be done on this side: the state folder was lost or damaged, journal writes
///     are still unwritten, or a department is not served (its folders do not work);
/// 2 — the appliance cannot start (configuration, a missing folder root, another vtjdrop on the
///     state folder, inbox and state on different file systems), or a folder root vanished;
/// 3 — the interface refuses the appliance; 4 — the interface cannot be reached (with 3 and 4 the
///     inbox is left untouched).
package enum RunExitStatus {
    package static let cannotStart: Int32 = 2

    /// The status of `run --once`, with every reason it was not zero (the first decides the code).
    package static func once(_ summary: ApplianceRunner.Summary) -> (code: Int32, reason: String?) {
        let found = problems(summary)
        return (found.first?.status ?? 0, found.isEmpty ? nil : found.map(\.text).joined(separator: "; "))
    }

    /// What kept a run from working, each with the status it gives, in the order that decides the
    /// code; the summary's log line lists the same, so the log and stderr never tell them apart.
    package static func problems(_ summary: ApplianceRunner.Summary) -> [(status: Int32, text: String)] {
        var found: [(status: Int32, text: String)] = []
        if let problem = summary.stateProblem { found.append((1, problem)) }
        if let folders = summary.folders { found.append((2, "intake closed: \(folders)")) }
        if let condition = summary.interface {
            switch condition {
            case .refusing: found.append((3, "nothing claimed: \(condition)"))
            case .unreachable: found.append((4, "nothing claimed: \(condition)"))
            case .answering: break
            }
        }
        if summary.unjournaled > 0 { found.append((1, "journal writes not written: \(summary.unjournaled) (see the log)")) }
        if summary.departmentsNotServed > 0 { found.append((1, "departments not served: \(summary.departmentsNotServed) (see the log)")) }
        return found
    }

    /// The status of the daemon after it stopped: non-zero when it stopped on its own.
    package static func daemon(stoppedBecause problem: String?) -> (code: Int32, reason: String?) {
        problem.map { (1, $0) } ?? (0, nil)
    }
}
