import Testing
import VTJCore

@Suite struct RetentionPolicyTests {
    let stored = Instant(secondsSinceEpoch: 1_780_000_000)

    @Test func keepsUntilTheDaysHavePassedThenDeletes() {
        let policy = RetentionPolicy(archiveDays: 30, quarantineDays: 90)
        let expiry = stored.adding(days: 30)
        #expect(policy.decide(kind: .archive, storedAt: stored, now: stored) == .keep(until: expiry))
        #expect(policy.decide(kind: .archive, storedAt: stored, now: expiry.adding(seconds: -1)) == .keep(until: expiry))
        #expect(policy.decide(kind: .archive, storedAt: stored, now: expiry) == .delete)
        #expect(policy.decide(kind: .quarantine, storedAt: stored, now: expiry) == .keep(until: stored.adding(days: 90)))
        #expect(policy.decide(kind: .quarantine, storedAt: stored, now: stored.adding(days: 91)) == .delete)
    }

    @Test func zeroDaysDeletesAtTheNextSweepAndNegativeIsClamped() {
        let policy = RetentionPolicy(archiveDays: 0, quarantineDays: -4)
        #expect(policy.quarantineDays == 0)
        #expect(policy.decide(kind: .archive, storedAt: stored, now: stored) == .delete)
        #expect(policy.decide(kind: .quarantine, storedAt: stored, now: stored) == .delete)
    }

    @Test func dueSelectsOnlyExpiredItemsOfEachKind() {
        struct Item { let name: String; let kind: RetentionPolicy.Kind; let storedAt: Instant }
        let now = stored.adding(days: 10)
        let items = [
            Item(name: "old-archive", kind: .archive, storedAt: stored),
            Item(name: "new-archive", kind: .archive, storedAt: now.adding(days: -2)),
            Item(name: "old-quarantine", kind: .quarantine, storedAt: stored),
            Item(name: "ancient-quarantine", kind: .quarantine, storedAt: stored.adding(days: -30)),
        ]
        let policy = RetentionPolicy(archiveDays: 7, quarantineDays: 14)
        let due = policy.due(items, now: now, kind: \.kind, storedAt: \.storedAt).map(\.name)
        #expect(due == ["old-archive", "ancient-quarantine"])
    }
}
