import Testing
@testable import VTJDrop

/// `run --once`'s exit status and its reason: the first problem decides the code, every problem is named.
@Suite struct RunExitStatusTests {
    @Test func aCleanRunIsZeroWithoutAReason() {
        var summary = ApplianceRunner.Summary()
        summary.published = 3
        summary.interface = .answering
        #expect(RunExitStatus.once(summary) == (0, nil))
    }

    @Test func eachProblemHasItsCode() {
        var refused = ApplianceRunner.Summary()
        refused.interface = .refusing(.credentials, detail: "HTTP 401")
        #expect(RunExitStatus.once(refused).code == 3)
        #expect(RunExitStatus.once(refused).reason?.hasPrefix("nothing claimed: the interface refuses the appliance") == true)
        var unreachable = ApplianceRunner.Summary()
        unreachable.interface = .unreachable(detail: "connection refused")
        #expect(RunExitStatus.once(unreachable).code == 4)
        var closed = ApplianceRunner.Summary()
        closed.folders = "inbox root /srv/inbox is gone"
        #expect(RunExitStatus.once(closed) == (2, "intake closed: inbox root /srv/inbox is gone"))
        var unwritten = ApplianceRunner.Summary()
        unwritten.unjournaled = 2
        #expect(RunExitStatus.once(unwritten) == (1, "journal writes not written: 2 (see the log)"))
    }

    /// A lost state folder and an unreachable interface in one run: exit 1 (the state comes first), and
    /// the reason names both, so the operator is not sent to fix one and find the other next night.
    @Test func theFirstProblemDecidesAndEveryProblemIsNamed() {
        var summary = ApplianceRunner.Summary()
        summary.stateProblem = "the state database is damaged"
        summary.interface = .unreachable(detail: "connection refused")
        summary.departmentsNotServed = 1
        let status = RunExitStatus.once(summary)
        #expect(status.code == 1)
        #expect(status.reason?.hasPrefix("the state database is damaged; nothing claimed: the interface cannot be reached") == true, "\(status.reason ?? "")")
        #expect(status.reason?.hasSuffix("; departments not served: 1 (see the log)") == true, "\(status.reason ?? "")")
    }

    /// The log's summary line and stderr's reason list the same problems in the same words and order.
    @Test func theLogLineNamesWhatStderrNames() {
        var summary = ApplianceRunner.Summary()
        summary.published = 2
        summary.retrying = 1
        summary.folders = "inbox root /srv/inbox is gone"
        summary.interface = .refusing(.credentials, detail: "HTTP 401")
        summary.unjournaled = 3
        let reason = RunExitStatus.once(summary).reason ?? ""
        #expect(summary.description == "2 published, 0 refused, 1 waiting for a retry; " + reason, "\(summary)")
        #expect(reason.hasPrefix("intake closed: inbox root /srv/inbox is gone; nothing claimed: the interface refuses"), "\(reason)")
        summary = ApplianceRunner.Summary()
        #expect(summary.description == "0 published, 0 refused, 0 waiting for a retry")
    }
}
