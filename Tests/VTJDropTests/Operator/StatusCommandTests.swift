import Foundation
import Testing
import VTJTestSupport

extension OperatorProcessTests {
    /// `vtjdrop status` against the real daemon: exit codes for monitoring and the JSON for scripts.
    @Suite(.serialized) struct StatusCommandTests {
        @Test func runningHealthyIsZeroAndStoppedIsTwo() async throws {
            let daemon = try OperatorDaemon()
            #expect(await daemon.await("/readyz", status: 200) != nil, "\(daemon.log)")
            let status = try await VTJDropBinary.runDetached(["status", "--config", daemon.root + "/vtjdrop.yaml", "--json"])
            #expect(status.status == 0, "\(status.stdout) \(status.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect(object["daemon"] as? String == "running" && object["verdict"] as? String == "healthy")
            let config = daemon.root + "/vtjdrop.yaml"
            let yaml = try String(contentsOfFile: config, encoding: .utf8)
            #expect(await daemon.stop() == 0)
            // The folder is gone with the daemon: rebuild it as a stopped appliance's state would be.
            let temp = try TempFolder("vtjdrop-stopped")
            defer { temp.remove() }
            let root = temp.path
            for folder in ["inbox", "outbox", "state"] { try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
            try yaml.replacingOccurrences(of: daemon.root, with: root).write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
            _ = try await VTJDropBinary.runDetached(["run", "--once", "--config", root + "/vtjdrop.yaml"])
            let stopped = try await VTJDropBinary.runDetached(["status", "--config", root + "/vtjdrop.yaml"])
            #expect(stopped.status == 2, "\(stopped.stdout)")
            #expect(stopped.stdout.contains("daemon: not running"))
            let unreadable = try await VTJDropBinary.runDetached(["status", "--state", root + "/none", "--json"])
            #expect(unreadable.status == 2)
            #expect(unreadable.stdout.contains("\"verdict\" : \"unreadable\""), "\(unreadable.stdout)")
        }

        /// The interface cannot be reached: degraded (1), the gate and the waiting drop's age named.
        @Test func aClosedGateAndAnOldDropAreDegraded() async throws {
            let daemon = try OperatorDaemon.unreachable()
            #expect(await daemon.await("/readyz", status: 503) != nil)
            try daemon.drop("sivistys", "lista.txt", OperatorEndpointTests.hetus[0])
            // The age under test, without waiting for it: the drop's mtime (what status reads) is a minute ago.
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                                  ofItemAtPath: daemon.root + "/inbox/sivistys/lista.txt")
            let status = try await VTJDropBinary.runDetached(["status", "--config", daemon.root + "/vtjdrop.yaml", "--max-age", "1", "--json"])
            #expect(status.status == 1, "\(status.stdout) \(status.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect((object["gate"] as? [String: Any])?["open"] as? Bool == false)
            #expect((object["gate"] as? [String: Any])?["code"] as? String == "unreachable")
            let reasons = object["reasons"] as? [String] ?? []
            #expect(reasons.contains { $0.hasPrefix("interface gate closed") }, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix("department sivistys: a drop has waited") }, "\(reasons)")
            #expect((object["backlog"] as? [String: Any])?["drops"] as? Int == 1)
            #expect(await daemon.stop() == 0)
        }
    }
}
