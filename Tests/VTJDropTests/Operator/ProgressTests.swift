import Foundation
import Testing
import VTJTestSupport

extension OperatorProcessTests {
    /// `run --once` draws its progress on a terminal (a real pty through script(1)) and prints none
    /// when its output is a pipe.
    @Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) from bsdutils is missing"))
    struct ProgressTests {
        /// 2,500 test henkilötunnus (individual numbers 900–999): three messages of 1,000.
        static let list: String = {
            let checks = Array("0123456789ABCDEFHJKLMNPRSTUVWXY")
            var hetus: [String] = []
            var day = 0
            while hetus.count < 2500 {
                let date = String(format: "%02d%02d%02d", day % 28 + 1, day / 28 % 12 + 1, 60 + day / 336)
                for number in 900...999 where hetus.count < 2500 {
                    hetus.append(date + "-" + String(number) + String(checks[Int(date + String(number))! % 31]))
                }
                day += 1
            }
            return hetus.joined(separator: "\n") + "\n"
        }()

        static func folder() throws -> String {
            let root = try TempFolder("vtjdrop-progress").path
            for folder in ["inbox/sivistys", "outbox", "state"] {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
            try """
                inbox: \(root)/inbox
                outbox: \(root)/outbox
                state: \(root)/state
                vtj:
                  sandbox: true
                schedule:
                  changes_at: never
                \(PipelineHarness.departmentsYAML)
                """.write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
            try list.write(toFile: root + "/inbox/sivistys/iso.txt", atomically: true, encoding: .utf8)
            return root
        }

        @Test func aTerminalSeesMessagesRateAndTotals() async throws {
            let root = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let typescript = root + "/tty.txt"
            let command = "'\(VTJDropBinary.url.path)' run --once --config '\(root)/vtjdrop.yaml'"
            let outcome = try await ChildProcess.run("/usr/bin/script", ["-q", "-e", "-c", command, typescript]).status
            #expect(outcome == 0)
            let seen = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: typescript))) ?? Data(), as: UTF8.self)
            #expect(seen.contains("messages 3/3 · "), "\(seen.suffix(600))")
            #expect(seen.contains(" hetu/s · 2500 henkilötunnus in "), "\(seen.suffix(600))")
            #expect(seen.contains("vtjdrop run --once: 1 published"))
        }

        @Test func aPipeSeesNoProgress() async throws {
            let root = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let outcome = try await VTJDropBinary.runDetached(["run", "--once", "--config", root + "/vtjdrop.yaml"])
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("1 published"))
            #expect(!outcome.stderr.contains("messages 3/3") && !outcome.stderr.contains("hetu/s"), "\(outcome.stderr.suffix(400))")
        }
    }
}
