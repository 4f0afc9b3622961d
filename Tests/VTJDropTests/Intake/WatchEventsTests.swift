import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop

@Suite struct WatchPlanTests {
    @Test func pollModeNeverWatches() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let plan = try InotifyWatcher.plan(mode: .poll, folders: [temp.path])
        #expect(plan.watcher == nil)
        #expect(plan.notes.count == 1)
    }

    @Test func autoModeWatchesLocalFoldersAndHintsArriveAsAStream() async throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let plan = try InotifyWatcher.plan(mode: .auto, folders: [inbox])
        let watcher = try #require(plan.watcher)
        #expect(plan.notes.isEmpty)
        let hints = watcher.hints(tick: .milliseconds(50))
        try DropTestFolder.write("010594Y9032\n", to: temp.path + "/valmis.txt")
        #expect(rename(temp.path + "/valmis.txt", inbox + "/valmis.txt") == 0)
        var seen: [InotifyWatcher.Event] = []
        for await events in hints {
            seen += events
            if seen.contains(.changed(folder: inbox, name: DropFileName("valmis.txt"), activity: .movedIn)) { break }
        }
        #expect(seen.contains(.changed(folder: inbox, name: DropFileName("valmis.txt"), activity: .movedIn)))
    }

    @Test func inotifyModeFailsLoudlyWhereAutoFallsBack() throws {
        let missing = "/nonexistent/vtjdrop-inbox"
        #expect(throws: IntakeError.self) { try InotifyWatcher.plan(mode: .inotify, folders: [missing]) }
        let plan = try InotifyWatcher.plan(mode: .auto, folders: [missing])
        #expect(plan.notes.contains { $0.contains(missing) })
    }
}
