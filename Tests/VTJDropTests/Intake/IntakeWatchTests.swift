import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop

@Suite struct IntakeWatchTests {
    /// A file that is still being written is not ready in settle mode until it has stayed
    /// unchanged for the settle period (real files, injected time).
    @Test func aPartiallyWrittenFileIsNotReadyUntilSettled() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let path = inbox + "/kasvava.csv"
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        let scanner = InboxScanner()
        var tracker = SettleTracker<ContinuousClock.Instant>(mode: .settle, settlePeriod: .seconds(2))
        let start = ContinuousClock.now

        try handle.write(contentsOf: Data("hetu\n010594Y9032\n".utf8))
        #expect(tracker.observe(try scanner.scan(folder: inbox).stamps, at: start).ready.isEmpty)
        try handle.write(contentsOf: Data("020594X903P\n".utf8))
        #expect(tracker.observe(try scanner.scan(folder: inbox).stamps, at: start + .seconds(1.5)).ready.isEmpty)
        // 2 s after first sight, but only 1 s after the last growth: still waiting.
        let pass = tracker.observe(try scanner.scan(folder: inbox).stamps, at: start + .seconds(2.5))
        #expect(pass.ready.isEmpty)
        #expect(pass.nextCheck == start + .seconds(3.5))
        #expect(tracker.observe(try scanner.scan(folder: inbox).stamps, at: start + .seconds(3.5)).ready.map(\.name) == ["kasvava.csv"])
    }

    /// With a real inotify watcher, a file renamed into the inbox is noticed at once.
    @Test func aFileRenamedIntoTheInboxIsNoticedPromptly() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let staging = try temp.folder("staging")
        let watcher = try InotifyWatcher()
        try watcher.watch(inbox)
        #expect(watcher.wait(timeout: .milliseconds(50)).isEmpty)

        try DropTestFolder.write("010594Y9032\n", to: staging + "/valmis.txt")
        let clock = ContinuousClock()
        let renamed = clock.now
        #expect(rename(staging + "/valmis.txt", inbox + "/valmis.txt") == 0)
        let events = watcher.wait(timeout: .seconds(5))
        let latency = clock.now - renamed
        #expect(events.contains(.changed(folder: inbox, name: DropFileName("valmis.txt"), activity: .movedIn)))
        #expect(latency < .seconds(1), "noticed after \(latency)")
    }

    @Test func writesAndHardLinksAreHintsToo() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let watcher = try InotifyWatcher()
        try watcher.watch(inbox)
        try DropTestFolder.write("x", to: inbox + "/suora.txt")
        try DropTestFolder.write("y", to: temp.path + "/sftp.tmp")
        #expect(link(temp.path + "/sftp.tmp", inbox + "/linkattu.txt") == 0)
        var names: Set<String> = []
        for _ in 0..<10 where names.count < 2 {
            for case .changed(_, let name, _) in watcher.wait(timeout: .milliseconds(500)) { names.insert(name.display) }
        }
        #expect(names == ["suora.txt", "linkattu.txt"])
    }

    @Test func anUploadRenamedIntoTheInboxIsOneEventOfItsFinalName() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let watcher = try InotifyWatcher()
        try watcher.watch(inbox)
        try DropTestFolder.write("010594Y9032\n", to: inbox + "/.lista.txt.part")
        #expect(rename(inbox + "/.lista.txt.part", inbox + "/lista.txt") == 0)
        var events: [InotifyWatcher.Event] = []
        for _ in 0..<10 where events.isEmpty { events += watcher.wait(timeout: .milliseconds(300)) }
        events += watcher.drain()
        #expect(events == [.changed(folder: inbox, name: DropFileName("lista.txt"), activity: .movedIn)])
    }

    @Test func aRemovedWatchedFolderIsReported() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let watcher = try InotifyWatcher()
        try watcher.watch(inbox)
        #expect(rmdir(inbox) == 0)
        var events: [InotifyWatcher.Event] = []
        for _ in 0..<10 where !events.contains(.folderGone(inbox)) { events += watcher.wait(timeout: .milliseconds(300)) }
        #expect(events.contains(.folderGone(inbox)))
    }

    @Test func localFoldersSeeAllChanges() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        #expect(InotifyWatcher.seesAllChanges(folder: temp.path))
        #expect(!InotifyWatcher.seesAllChanges(folder: "/nonexistent-folder"))
    }
}
