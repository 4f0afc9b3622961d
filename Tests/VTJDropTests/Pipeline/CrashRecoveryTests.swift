import Foundation
import Testing
import VTJTestSupport
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// `kill -9` of the real daemon mid-work, restarted: nothing lost, nothing published twice.
@Suite(.serialized) struct CrashRecoveryTests {
    @Test func sigkillAtRandomMomentsLosesAndDuplicatesNothing() async throws {
        let sandbox = SandboxServer(configuration: SandboxConfiguration(
            population: 2000, seed: 11, faults: SandboxFaults(latencyMs: 150)))
        try await sandbox.start()
        defer { Task { await sandbox.shutdown() } }
        let temp = try TempFolder("vtjdrop-crash")
        defer { temp.remove() }
        let root = temp.path
        for folder in ["inbox/sivistys", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let yaml = """
            inbox: \(root)/inbox
            outbox: \(root)/outbox
            state: \(root)/state
            scan_interval: 0.2
            vtj:
              url: \(sandbox.baseURL!)
              parallelism: 2
            schedule:
              changes_at: never
            \(PipelineHarness.departmentsYAML)
            """
        try yaml.write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let hetus = sandbox.registry.population.hetus
        let drops = 8
        for index in 0..<drops {
            let slice = hetus[(index * 200)..<((index + 1) * 200)]
            try slice.joined(separator: "\n").write(toFile: root + "/inbox/sivistys/lista-\(index).txt", atomically: true, encoding: .utf8)
        }
        let environment = ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana", "PATH": "/usr/bin:/bin"]

        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = VTJDropBinary.url
            process.arguments = ["run", "--config", root + "/vtjdrop.yaml"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500, using: &generator)))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        #expect(kills >= 3)
        // A final run finishes what the killed ones left.
        let final = try await VTJDropBinary.runDetached(["run", "--once", "--config", root + "/vtjdrop.yaml"], environment: environment)
        #expect(final.status == 0, "\(final.stderr)")

        let outbox = try FileManager.default.contentsOfDirectory(atPath: root + "/outbox/sivistys")
        for index in 0..<drops {
            let mine = outbox.filter { $0.hasPrefix("lista-\(index).") }
            #expect(mine.filter { $0.hasSuffix(".csv") }.count == 1, "drop \(index): \(mine)")
            #expect(mine.filter { $0.hasSuffix(".kuitti.txt") }.count == 1, "drop \(index): \(mine)")
        }
        #expect(outbox.filter { !$0.hasPrefix(".") }.count == drops * 2)
        // No half-written file is visible and no temp file is left behind.
        let temporary = (try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/sivistys/.vtjdrop-tmp")) ?? []
        #expect(temporary.isEmpty, "\(temporary)")
        // Every input is archived, none left in the inbox or in claimed work.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/inbox/sivistys").isEmpty)
        let work = (try? FileManager.default.contentsOfDirectory(atPath: root + "/state/claims/sivistys/work")) ?? []
        #expect(work.isEmpty, "\(work)")
        // Each result has every row exactly once.
        for file in outbox where file.hasSuffix(".csv") {
            let rows = try String(contentsOfFile: root + "/outbox/sivistys/" + file, encoding: .utf8).split(separator: "\r\n")
            #expect(rows.count == 201, "\(file) has \(rows.count) lines")
        }
    }
}
