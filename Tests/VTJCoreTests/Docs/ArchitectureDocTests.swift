import Foundation
import Testing
import VTJTestSupport

/// docs/architecture.md names only files and symbols that exist (scripts/check-architecture).
///
/// The page is a newcomer's map; a rename that leaves it pointing at a gone type or file makes
/// the map lie, so the check runs with every suite rather than only when someone remembers it.
@Suite struct ArchitectureDocTests {
    @Test func everyBacktickedPathAndSymbolExists() async throws {
        let outcome = try await ChildProcess.script("check-architecture")
        #expect(outcome.status == 0, "stale references in docs/architecture.md:\n\(outcome.stdout)\(outcome.stderr)")
    }

    @Test func theCheckFindsAStaleName() async throws {
        let folder = try TempFolder("arch-doc")
        defer { folder.remove() }
        // Three names gone in today's renames and one that exists.
        let path = try folder.write(
            "page.md",
            "`RequestRefusal`, `Claimer.leftovers`, `VTJDrop/Pipeline/IntakeCycle+QuarantineRecovery.swift`, `Claimer.claim`")
        let outcome = try await ChildProcess.script("check-architecture", [path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.split(separator: "\n").count == 3, "\(outcome.stdout)")
    }
}
