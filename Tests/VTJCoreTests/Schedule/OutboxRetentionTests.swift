import Testing
import VTJCore

@Suite struct OutboxRetentionDecisionTests {
    let published = Instant(secondsSinceEpoch: 1_795_686_000)

    @Test func keepsForItsDaysThenRemovesWithTheAge() {
        let retention = OutboxRetention(days: 30)
        #expect(retention.decide(publishedAt: published, now: published.adding(days: 29))
            == .keep(until: published.adding(days: 30)))
        #expect(retention.decide(publishedAt: published, now: published.adding(days: 30).adding(seconds: -1))
            == .keep(until: published.adding(days: 30)))
        #expect(retention.decide(publishedAt: published, now: published.adding(days: 30)) == .remove(ageDays: 30))
        #expect(retention.decide(publishedAt: published, now: published.adding(days: 400)) == .remove(ageDays: 400))
    }

    @Test func zeroOrLessKeepsForever() {
        for days in [0, -5] {
            let retention = OutboxRetention(days: days)
            #expect(retention.days == nil)
            #expect(retention.decide(publishedAt: published, now: published.adding(days: 10_000)) == .keepForever)
        }
        #expect(RetentionPolicy(archiveDays: 30, quarantineDays: 60).outbox.days == 30, "30 days by default")
    }

    @Test(arguments: [
        ("oppilaat.20261126T101500-7f3a.csv", true),
        ("oppilaat.20261126T101500-7f3a.kuitti.txt", true),
        ("oppilaat.20261126T101500-7f3a.luettelot.txt", true),
        ("oppilaat.20261126T101500-7f3a.TESTIAINEISTO.xml", true),
        ("oppilaat.csv", false),
        ("oppilaat.20261126T101500-7f3b.csv", false),
        ("oppilaat.20261126T101500-7f3a.", false),
        ("20261126T101500-7f3a.csv", false),
        (".oppilaat.20261126T101500-7f3a.csv", false),
        ("x/oppilaat.20261126T101500-7f3a.csv", false),
    ])
    func ownFilesAreRecognisedByTheirRequestID(name: String, own: Bool) {
        #expect(OutboxRetention.isOwnFile(name, dropID: "20261126T101500-7f3a") == own)
    }
}
