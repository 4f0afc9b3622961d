import Foundation
import Testing
import VTJTestSupport

/// No `Date` reaches SQLite except as `StoredDate`'s text (scripts/check-stored-dates).
///
/// A bare `Date` among SQL arguments compiles and stores the same text through GRDB's
/// `DateFormatter`, so no other test fails; it only brings ICU back into the daemon. The check is
/// what refuses it, so it runs with every suite.
@Suite struct StoredDateBindingTests {
    @Test func everyDateBoundInTheRuntimeIsStored() async throws {
        let outcome = try await ChildProcess.script("check-stored-dates")
        #expect(outcome.status == 0, "dates bound without .stored:\n\(outcome.stdout)\(outcome.stderr)")
    }

    @Test func theCheckFindsABareDate() async throws {
        let folder = try TempFolder("stored-dates")
        defer { folder.remove() }
        // Three bare dates (a parameter, a property reached through a value, one built in place) and a
        // computed argument list's bare property; then the same names bound as they should be.
        let path = try folder.write("Bad.swift", """
            struct Probe {
                func write(_ db: Database, since from: Date, entry: JournalEntry) throws {
                    try db.execute(sql: "INSERT", arguments: [from, entry.finishedAt, Date(), 3])
                    try db.execute(sql: "INSERT", arguments: [from.stored, entry.finishedAt?.stored, name.description])
                }
                var arguments: StatementArguments { [at, department] }
            }
            """)
        let outcome = try await ChildProcess.script("check-stored-dates", [path])
        #expect(outcome.status == 1)
        let findings = outcome.stdout.split(separator: "\n")
        #expect(findings.count == 4, "\(outcome.stdout)")
        #expect(findings.filter { $0.contains("Bad.swift:3:") }.count == 3, "\(outcome.stdout)")
        #expect(findings.contains { $0.contains("Bad.swift:6:") && $0.contains("`at`") }, "\(outcome.stdout)")
    }
}
