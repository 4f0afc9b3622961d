import Foundation
import Testing
import VTJCore
import VTJTestSupport

/// `exit()` runs the libraries' cleanup (libxml2's destructor, OpenSSL's `OPENSSL_cleanup`) as atexit
/// handlers; a thread still ending beside them freed the same per-thread state and the process aborted
/// (the curl workers, exit 134, about 1 run in 1,000). The inotify reader, the drops' walk threads and
/// their read threads were detached Foundation threads that could still be running then; now the real
/// binary joins every one before it returns, and says so from each thread's own end marker.
@Suite(.serialized) struct ThreadsJoinedAtExitTests {
    /// `run --once` again and again on an empty inbox and on a tiny drop: exit 0 every time, and at its
    /// end every thread it started has ended (its body returned: the thread's own count) and was joined.
    @Test func runOnceJoinsItsOwnThreadsBeforeExitEveryTime() async throws {
        let temp = try TempFolder("vtjdrop-exit")
        defer { temp.remove() }
        let root = temp.path
        for folder in ["inbox/sivistys", "inbox/kirjasto", "inbox/vesihuolto", "outbox", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try (ShutdownTests.configuration(root: root) + "log_level: debug\nsettle_seconds: 0\n")
            .write(toFile: root + "/vtjdrop.yaml", atomically: true, encoding: .utf8)
        let hetus = TestHetu.distinct(3).map(\.value)
        for round in 0..<10 {
            let withDrop = round % 2 == 1
            if withDrop {
                let staged = root + "/inbox/sivistys/.lista-\(round).part"
                try (hetus.joined(separator: "\n") + "\n").write(toFile: staged, atomically: false, encoding: .utf8)
                try FileManager.default.moveItem(atPath: staged, toPath: root + "/inbox/sivistys/lista-\(round).txt")
            }
            let run = try await VTJDropBinary.runDetached(["run", "--once", "--config", root + "/vtjdrop.yaml"],
                                                          environment: ["PATH": "/usr/bin:/bin"])
            #expect(run.status == 0, "round \(round): exit \(run.status): \(run.stderr.suffix(800))")
            let line = try #require(run.stderr.split(separator: "\n").first { $0.contains("own threads joined before exit") },
                                    "round \(round): \(run.stderr.suffix(800))")
            let inotify = try #require(Self.counts(in: line, "inotify"), "\(line)")
            let drops = try #require(Self.counts(in: line, "drops"), "\(line)")
            #expect(inotify == [1, 1, 1], "round \(round): the inotify reader: \(line)")
            #expect(drops[0] == drops[1] && drops[1] == drops[2], "round \(round): every drop thread ended and was joined: \(line)")
            // A drop walks on its own thread and is read on another.
            #expect(withDrop ? drops[0] >= 2 : drops[0] == 0, "round \(round): \(line)")
            if withDrop {
                let receipts = try FileManager.default.contentsOfDirectory(atPath: root + "/outbox/sivistys")
                    .filter { $0.hasPrefix("lista-\(round).") && $0.hasSuffix(".kuitti.txt") }
                #expect(receipts.count == 1, "round \(round): the drop was served")
            }
        }
    }

    /// `key=N started, N ended, N joined` in a log line, as three numbers.
    static func counts(in line: Substring, _ key: String) -> [Int]? {
        guard let range = line.range(of: key + #"=\d+ started, \d+ ended, \d+ joined"#, options: .regularExpression) else { return nil }
        let numbers = line[range].dropFirst(key.count + 1).split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return numbers.count == 3 ? numbers : nil
    }
}
