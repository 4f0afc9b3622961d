import Foundation
import Testing
import VTJTestSupport

/// Issue 12, finding 1: `vtjdrop demo --folder DIR` deleted DIR recursively, whatever it held
/// (`--folder ..` deleted the parent). The demo now works only in a new or empty folder, or one an
/// earlier demo made; anything else is refused untouched. The real binary, real folders.
@Suite(.serialized) struct DemoFolderTests {
    @Test func aFolderWithSomeonesFilesIsRefusedUntouched() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let precious = try temp.write("tarkea/opinnayte.docx", "seitsemän vuoden työ")
        let folder = temp.path + "/tarkea"
        let before = try FileSystemSnapshot(folder)
        let run = try await VTJDropBinary.runDetached(["demo", "--folder", folder], environment: [:])
        #expect(run.status != 0)
        #expect(run.stderr.contains("refusing to use \(folder)") && run.stderr.contains("Nothing was changed"), "\(run.stderr)")
        #expect(try FileSystemSnapshot(folder) == before)
        #expect(FileManager.default.contents(atPath: precious) == Data("seitsemän vuoden työ".utf8))
    }

    @Test func theParentFolderIsRefused() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try temp.write("muuta.txt", "x")
        try FileManager.default.createDirectory(atPath: temp.path + "/alikansio", withIntermediateDirectories: true)
        let before = try FileSystemSnapshot(temp.path)
        let run = try await VTJDropBinary.runDetached(["demo", "--folder", ".."], environment: [:], currentDirectory: temp.path + "/alikansio")
        #expect(run.status != 0 && run.stderr.contains("refusing to use \(temp.path)"), "\(run.stderr)")
        #expect(try FileSystemSnapshot(temp.path) == before)
    }

    /// Without `--folder`, `./demo` under the same rule.
    @Test func theDefaultFolderFollowsTheSameRule() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try temp.write("demo/oma.txt", "oma")
        let run = try await VTJDropBinary.runDetached(["demo"], environment: [:], currentDirectory: temp.path)
        #expect(run.status != 0 && run.stderr.contains("refusing to use \(temp.path)/demo"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: temp.path + "/demo/oma.txt"))
    }

    /// A new folder works, and the same folder again (the demo's marker says it made it); other
    /// entries someone put beside the demo's own are left alone.
    @Test func aNewFolderAndTheDemosOwnFolderWork() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let folder = temp.path + "/uusi/demo"
        let first = try await VTJDropBinary.runDetached(["demo", "--folder", folder], environment: [:])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("privacy check: no street name"), "\(first.stdout)")
        #expect(FileManager.default.fileExists(atPath: folder + "/.vtjdrop-demo"))
        let receipts = try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox/sivistys").filter { $0.hasSuffix(".kuitti.txt") }
        #expect(!receipts.isEmpty)
        for name in receipts {
            let text = try String(contentsOfFile: folder + "/outbox/sivistys/" + name, encoding: .utf8)
            #expect(text.hasPrefix("# TESTIAINEISTO"), "the demo's answers are marked as test data")
        }
        try temp.write("uusi/demo/muistiinpanot.txt", "omat")
        let second = try await VTJDropBinary.runDetached(["demo", "--folder", folder], environment: [:])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/muistiinpanot.txt"), "only the demo's own folders are replaced")
        let empty = temp.path + "/tyhja"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try await VTJDropBinary.runDetached(["demo", "--folder", empty], environment: [:]).status == 0)
    }
}
