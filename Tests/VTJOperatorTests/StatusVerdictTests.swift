import Foundation
import Testing
import VTJCore
import VTJOperator

/// `vtjdrop status`'s exit code and its JSON document, over fixed snapshots and times.
struct StatusVerdictTests {
    let now = HealthDecisionTests.now

    @Test func healthyDegradedAndNotRunning() {
        #expect(StatusVerdict(HealthDecisionTests.snapshot(), now: now, maximumAge: .seconds(900)).exitCode == 0)
        let gate = HealthDecisionTests.snapshot(gate: Condition(code: "unreachable", since: now.addingTimeInterval(-60), detail: "cannot connect"))
        let closed = StatusVerdict(gate, now: now, maximumAge: .seconds(900))
        #expect(closed.exitCode == 1 && closed.level == .degraded)
        #expect(closed.reasons == ["interface gate closed for 1 min: cannot connect"])
        var old = HealthDecisionTests.snapshot()
        old.departments = [DepartmentStatus(id: "sivistys", inInbox: 1, oldestInInboxAt: now.addingTimeInterval(-1000))]
        #expect(StatusVerdict(old, now: now, maximumAge: .seconds(900)).reasons == ["department sivistys: a drop has waited 16 min (more than 15 min)"])
        #expect(StatusVerdict(old, now: now, maximumAge: .seconds(1200)).exitCode == 0)
        let stopped = StatusVerdict(HealthDecisionTests.snapshot(daemon: .stopped, gate: gate.interface.gate), now: now, maximumAge: .seconds(900))
        #expect(stopped.exitCode == 2 && stopped.level == .notRunning && stopped.reasons.count == 2)
        #expect(StatusVerdict(unreadable: SnapshotUnavailable("locked")).exitCode == 2)
    }

    @Test func theJSONDocumentHasTheDocumentedFields() throws {
        var snapshot = HealthDecisionTests.snapshot(lastSuccess: now.addingTimeInterval(-30), lastFailure: now.addingTimeInterval(-10), failures: 1)
        snapshot.departments = [DepartmentStatus(id: "sivistys", inInbox: 2, oldestInInboxAt: now.addingTimeInterval(-120), inProgress: 1)]
        let verdict = StatusVerdict(snapshot, now: now, maximumAge: .seconds(60))
        let text = StatusDocument(snapshot, verdict: verdict, now: now).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect(object["verdict"] as? String == "degraded")
        #expect(object["exit_code"] as? Int == 1)
        #expect(object["daemon"] as? String == "running")
        #expect((object["gate"] as? [String: Any])?["open"] as? Bool == true)
        let backlog = try #require(object["backlog"] as? [String: Any])
        #expect(backlog["drops"] as? Int == 3 && backlog["oldest_age_seconds"] as? Int == 120)
        #expect(backlog["oldest_waiting_since"] as? String == "2027-01-15T07:58:00Z")
        let interface = try #require(object["interface"] as? [String: Any])
        #expect(interface["last_error"] as? String == "HTTP 503 for lista-010594Y***2.txt", "masked")
        #expect(interface["failures_in_a_row"] as? Int == 1)
        let department = try #require((object["departments"] as? [[String: Any]])?.first)
        #expect(department["id"] as? String == "sivistys" && department["in_inbox"] as? Int == 2 && department["in_progress"] as? Int == 1)
        #expect(!text.contains("010594Y9032"))
    }

    /// Issue 14: a vanished inbox folder was shown only in the text `status`. Now it degrades the
    /// verdict (exit 1), is a `watch` gate in the JSON (a new key, schema 1), a problem line and
    /// headline on the page — and readiness stays 200 with a warning, since every other department
    /// is still served (docs/operations.md, "Readiness and a vanished inbox folder").
    @Test func aVanishedInboxFolderIsShownEverywhereAndDegradesWithoutFailingReadiness() throws {
        var snapshot = HealthDecisionTests.snapshot()
        snapshot.unwatched = Condition(code: "inbox-folder-vanished", since: now.addingTimeInterval(-180),
                                       detail: "inbox folder vanished: /srv/inbox/sivistys; restore it")
        let verdict = StatusVerdict(snapshot, now: now, maximumAge: .seconds(900))
        #expect(verdict.level == .degraded && verdict.exitCode == 1)
        #expect(verdict.reasons == ["inbox folder not watched for 3 min: inbox folder vanished: /srv/inbox/sivistys; restore it"])

        let object = try #require(try JSONSerialization.jsonObject(with: Data(StatusDocument(snapshot, verdict: verdict, now: now).json().utf8))
                                  as? [String: Any])
        let watch = try #require(object["watch"] as? [String: Any])
        #expect(watch["open"] as? Bool == false && watch["code"] as? String == "inbox-folder-vanished")
        #expect((watch["detail"] as? String)?.contains("/srv/inbox/sivistys") == true)
        #expect(object["schema"] as? Int == 1 && object["verdict"] as? String == "degraded")
        let healthy = try #require(try JSONSerialization.jsonObject(
            with: Data(StatusDocument(HealthDecisionTests.snapshot(), verdict: StatusVerdict(HealthDecisionTests.snapshot(), now: now,
                                                                                          maximumAge: .seconds(900)), now: now).json().utf8))
            as? [String: Any])
        #expect((healthy["watch"] as? [String: Any])?["open"] as? Bool == true)

        let decision = HealthDecision()
        let ready = decision.readiness(.success(snapshot), now: now)
        #expect(ready.isHealthy && ready.httpStatus == 200)
        #expect(ready.reason.contains("warning: inbox folder vanished: /srv/inbox/sivistys"), "\(ready.reason)")
        #expect(decision.health(.success(snapshot), now: now).isHealthy, "health follows readiness")

        let page = StatusPage(zone: FixedUTCOffset(seconds: 0)).render(snapshot, now: now, health: ready)
        #expect(page.contains("serving; an inbox folder is NOT WATCHED"))
        #expect(page.contains("Inbox folder NOT WATCHED since") && page.contains("/srv/inbox/sivistys"))
    }
}
