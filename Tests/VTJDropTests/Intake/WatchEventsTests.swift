import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop
import VTJTestSupport

/// The watcher's events as an async sequence, with real inotify: a vanished folder is reported and
/// watched again when it comes back, and ending the iteration ends the reading.
@Suite(.timeLimit(.minutes(5))) struct WatchEventsTests {
    /// A fresh `inbox/a` under a temp folder, watched.
    static func watchedInbox() throws -> (DropTestFolder, String, InotifyWatcher) {
        let temp = try DropTestFolder()
        let inbox = try temp.folder("inbox/a")
        let watcher = try InotifyWatcher()
        try watcher.watch(inbox)
        return (temp, inbox, watcher)
    }

    @Test func hintsArriveAsAStream() async throws {
        let (temp, inbox, watcher) = try Self.watchedInbox()
        defer { temp.remove() }
        let events = watcher.events(tick: .milliseconds(50))
        try DropTestFolder.write("010594Y9032\n", to: temp.path + "/valmis.txt")
        #expect(rename(temp.path + "/valmis.txt", inbox + "/valmis.txt") == 0)
        var seen: [InotifyWatcher.Event] = []
        for await batch in events {
            seen += batch
            if seen.contains(.changed(folder: inbox, name: DropFileName("valmis.txt"), activity: .movedIn)) { break }
        }
        #expect(seen.contains(.changed(folder: inbox, name: DropFileName("valmis.txt"), activity: .movedIn)))
    }

    @Test func aVanishedFolderIsReportedAndWatchedAgainWhenItComesBack() async throws {
        let (temp, inbox, watcher) = try Self.watchedInbox()
        defer { temp.remove() }
        var iterator = watcher.events(tick: .milliseconds(50)).makeAsyncIterator()
        #expect(rmdir(inbox) == 0)
        var seen: [InotifyWatcher.Event] = []
        while !seen.contains(.folderGone(inbox)), let batch = await iterator.next() { seen += batch }
        #expect(seen.contains(.folderGone(inbox)))
        // Back (as an operator restores it or a share is mounted again): watched again, then a
        // file renamed in is an event again.
        _ = try temp.folder("inbox/a")
        seen = []
        while !seen.contains(.folderBack(inbox)), let batch = await iterator.next() { seen += batch }
        #expect(seen.contains(.folderBack(inbox)))
        try DropTestFolder.write("010594Y9032\n", to: temp.path + "/uusi.txt")
        #expect(rename(temp.path + "/uusi.txt", inbox + "/uusi.txt") == 0)
        let renamed: InotifyWatcher.Event = .changed(folder: inbox, name: DropFileName("uusi.txt"), activity: .movedIn)
        while !seen.contains(renamed), let batch = await iterator.next() { seen += batch }
        #expect(seen.contains(renamed))
    }

    @Test func aFolderMovedAwayIsGoneUntilItsPathExistsAgain() async throws {
        let (temp, inbox, watcher) = try Self.watchedInbox()
        defer { temp.remove() }
        var iterator = watcher.events(tick: .milliseconds(50)).makeAsyncIterator()
        #expect(rename(inbox, temp.path + "/muualla") == 0)
        var seen: [InotifyWatcher.Event] = []
        while !seen.contains(.folderGone(inbox)), let batch = await iterator.next() { seen += batch }
        // A file in the moved folder is no event of the inbox's path.
        try DropTestFolder.write("x", to: temp.path + "/muualla/siirretty.txt")
        #expect(rename(temp.path + "/muualla", inbox) == 0)
        while !seen.contains(.folderBack(inbox)), let batch = await iterator.next() { seen += batch }
        #expect(!seen.contains { if case .changed(_, let name, _) = $0 { name.display == "siirretty.txt" } else { false } })
    }

    @Test func cancellingTheConsumerEndsTheStream() async throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let watcher = try InotifyWatcher()
        try watcher.watch(try temp.folder("inbox/a"))
        let events = watcher.events(tick: .milliseconds(50))
        let consumer = Task { () -> Int in
            var batches = 0
            for await _ in events { batches += 1 }
            return batches
        }
        consumer.cancel()
        // The iteration ends (the stream finishes on cancellation) instead of waiting for an event.
        #expect(await consumer.value == 0)
    }
}
