import Foundation
import Testing
import VTJDrop
import VTJTestSupport

/// Issue 12, item 9: `vtjdrop --version` and `vtjdrop check-config FILE`, which validates
/// without touching any folder. The real binary.
@Suite struct InstallationCommandTests {
    @Test func versionIsPrinted() async throws {
        let run = try await VTJDropBinary.runDetached(["--version"], environment: [:])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == VTJDropVersion.number)
    }

    @Test func checkConfigValidatesWithoutTouchingAnyFolder() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        for folder in ["inbox", "outbox", "state"] { try FileManager.default.createDirectory(atPath: temp.path + "/" + folder, withIntermediateDirectories: true) }
        let password = try temp.write("salasana", "s3cret-value\n", mode: 0o600)
        let file = try temp.write("vtjdrop.yaml", """
            inbox: ./inbox
            outbox: ./outbox
            state: ./state
            vtj:
              url: https://vtj.example/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1
            \(PipelineHarness.departmentsYAML)
            """)
        let before = try FileSystemSnapshot(temp.path)
        let good = try await VTJDropBinary.runDetached(["check-config", file], environment: [
            "VTJDROP_VTJ_USER": "kunta-x", "VTJDROP_VTJ_PASSWORD_FILE": password,
        ])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("configuration \(file) is valid"), "\(good.stdout)")
        #expect(good.stdout.contains("department sivistys:"))
        #expect(!good.stdout.contains("s3cret-value") && !good.stderr.contains("s3cret-value"))
        #expect(try FileSystemSnapshot(temp.path) == before, "no folder, lock, database or department folder is made")

        // Every problem at once, exit 2, still nothing touched.
        let bad = try temp.write("huono.yaml", "inbox: ./puuttuu\nvtj: {url: 'https://vtj.example/api/v1'}\nwatch: never\n\(PipelineHarness.departmentsYAML)\n")
        let snapshot = try FileSystemSnapshot(temp.path)
        let refused = try await VTJDropBinary.runDetached(["check-config", bad], environment: [:])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("watch: \"never\"") && refused.stderr.contains("VTJDROP_VTJ_USER"), "\(refused.stderr)")
        #expect(try FileSystemSnapshot(temp.path) == snapshot)

        // Valid keys, but a root that does not exist: the daemon would refuse to start, so does the check.
        let rootless = try temp.write("juureton.yaml", "inbox: ./puuttuu\nvtj: {sandbox: true}\n\(PipelineHarness.departmentsYAML)\n")
        let missing = try await VTJDropBinary.runDetached(["check-config", rootless], environment: [:])
        #expect(missing.status == 2 && missing.stderr.contains("the inbox folder \(temp.path)/puuttuu does not exist"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/puuttuu"))
    }
}
