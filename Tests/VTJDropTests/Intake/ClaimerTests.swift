import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop

@Suite struct ClaimerTests {
    private func setUp() throws -> (DropTestFolder, String, Claimer) {
        let temp = try DropTestFolder()
        let inbox = try temp.folder("inbox/sivistys")
        let claimer = Claimer(stateFolder: temp.path + "/state", maximumFileBytes: 4096)
        try claimer.prepare()
        return (temp, inbox, claimer)
    }

    @Test func claimMovesTheFileIntoItsOwnWorkFolder() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        try DropTestFolder.write("010594Y9032\n020594X903P\n", to: inbox + "/oppilaat.txt")
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 42)
        let outcome = try claimer.claim(DropFileName("oppilaat.txt"), department: "sivistys", from: inbox, id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("\(outcome)"); return }
        #expect(claimed.id == id)
        #expect(claimed.folder == temp.path + "/state/work/" + id.value)
        #expect(claimed.path == claimed.folder + "/oppilaat.txt")
        #expect(claimed.size == 24)
        #expect(claimed.markerPath == nil)
        #expect(try DropTestFolder.names(inbox).isEmpty)
        #expect(try DropTestFolder.read(claimed.path) == "010594Y9032\n020594X903P\n")
        let list = try HetuListReader().read(claimed.readAll(limit: 4096), file: claimed.originalName.display)
        #expect(list.hetus.count == 2)
    }

    /// The contract's promise: a link to /etc/passwd in an inbox is never read. The scan
    /// leaves it out, the claim refuses it, and it stays where it was, unopened.
    @Test func aSymlinkToEtcPasswdIsNeverRead() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        try FileManager.default.createSymbolicLink(atPath: inbox + "/lista.txt", withDestinationPath: "/etc/passwd")
        let before = try FileManager.default.attributesOfItem(atPath: "/etc/passwd")[.modificationDate] as? Date

        let listing = try InboxScanner().scan(folder: inbox)
        var tracker = SettleTracker<ContinuousClock.Instant>(mode: .rename)
        let pass = tracker.observe(listing.stamps, at: .now)
        #expect(pass.ready.isEmpty, "the link must not even reach the settle tracker")

        var handedToReader: [[UInt8]] = []
        let outcome = try claimer.claim(DropFileName("lista.txt"), department: "sivistys", from: inbox, id: DropIDGenerator.next())
        if case .claimed(let claimed) = outcome { handedToReader.append(try claimed.readAll(limit: 1 << 20)) }
        #expect(outcome == .refused(.notAFile(.symbolicLink), refusedPath: nil))
        #expect(handedToReader.isEmpty)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: inbox + "/lista.txt") == "/etc/passwd")
        #expect(try DropTestFolder.names(temp.path + "/state/work").isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: "/etc/passwd")[.modificationDate] as? Date == before)
    }

    @Test func fifosAndOversizeFilesAreRefusedUnopened() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        #expect(mkfifo(inbox + "/putki.txt", 0o644) == 0)
        try DropTestFolder.write(String(repeating: "9", count: 5000), to: inbox + "/iso.txt")
        #expect(try claimer.claim(DropFileName("putki.txt"), department: "a", from: inbox, id: DropIDGenerator.next())
            == .refused(.notAFile(.fifo), refusedPath: nil))
        #expect(try claimer.claim(DropFileName("iso.txt"), department: "a", from: inbox, id: DropIDGenerator.next())
            == .refused(.tooLarge(size: 5000, limit: 4096), refusedPath: nil))
        #expect(try DropTestFolder.names(inbox) == ["iso.txt", "putki.txt"])
    }

    /// A hard link in an inbox is a second name for a file elsewhere (where the kernel allows
    /// it, possibly one the department cannot read): refused until it has one name only.
    @Test func hardLinkedFilesAreRefusedUntilTheyHaveOneName() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        try DropTestFolder.write("salainen\n", to: temp.path + "/muualla.txt")
        #expect(link(temp.path + "/muualla.txt", inbox + "/lista.txt") == 0)
        #expect(try claimer.claim(DropFileName("lista.txt"), department: "a", from: inbox, id: DropIDGenerator.next())
            == .refused(.hardLinked(links: 2), refusedPath: nil))
        #expect(try DropTestFolder.names(inbox) == ["lista.txt"])
        #expect(unlink(temp.path + "/muualla.txt") == 0) // as sftp-server does after link()
        guard case .claimed = try claimer.claim(DropFileName("lista.txt"), department: "a", from: inbox, id: DropIDGenerator.next()) else {
            Issue.record("a file with one name must be claimed"); return
        }
    }

    @Test func aVanishedFileIsNotAnErrorAndLeavesNoWorkFolder() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        let outcome = try claimer.claim(DropFileName("poissa.txt"), department: "a", from: inbox, id: DropIDGenerator.next())
        #expect(outcome == .vanished)
        #expect(try DropTestFolder.names(temp.path + "/state/work").isEmpty)
    }

    /// Two claimers racing for one file: exactly one wins, the other sees it vanish.
    @Test func onlyOneOfTwoClaimsWins() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        try DropTestFolder.write("010594Y9032\n", to: inbox + "/a.txt")
        let name = DropFileName("a.txt")
        let first = try claimer.claim(name, department: "a", from: inbox, id: DropIDGenerator.next())
        let second = try claimer.claim(name, department: "a", from: inbox, id: DropIDGenerator.next())
        #expect(first != .vanished)
        #expect(second == .vanished)
    }

    @Test func theDoneMarkerIsConsumedWithTheClaim() throws {
        let (temp, inbox, claimer) = try setUp()
        defer { temp.remove() }
        try DropTestFolder.write("010594Y9032\n", to: inbox + "/a.txt")
        try DropTestFolder.write("", to: inbox + "/a.txt.done")
        let listing = try InboxScanner().scan(folder: inbox)
        var tracker = SettleTracker<ContinuousClock.Instant>(mode: .marker)
        let ready = tracker.observe(listing.stamps, at: .now).ready
        try #require(ready.count == 1)
        let outcome = try claimer.claim(DropFileName(ready[0].name), department: "a", from: inbox,
                                        marker: ready[0].marker.map { DropFileName($0) }, id: DropIDGenerator.next())
        guard case .claimed(let claimed) = outcome else { Issue.record("\(outcome)"); return }
        #expect(claimed.markerPath == claimed.folder + "/a.txt.done")
        #expect(try DropTestFolder.names(inbox).isEmpty)
        #expect(try DropTestFolder.names(claimed.folder) == [".claim", "a.txt", "a.txt.done"])
    }

    @Test func aClaimAcrossFileSystemsIsAConfigurationError() throws {
        // /dev/shm is tmpfs, normally a different file system from /tmp's.
        var shm = stat(), tmp = stat()
        guard stat("/dev/shm", &shm) == 0, stat("/tmp", &tmp) == 0, shm.st_dev != tmp.st_dev else { return }
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        try DropTestFolder.write("x", to: inbox + "/a.txt")
        let state = "/dev/shm/vtjdrop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let claimer = Claimer(stateFolder: state)
        try claimer.prepare()
        #expect(throws: IntakeError.crossDevice(from: inbox, to: state + "/work")) {
            try claimer.claim(DropFileName("a.txt"), department: "a", from: inbox, id: DropIDGenerator.next())
        }
        #expect(try DropTestFolder.names(inbox) == ["a.txt"])
    }
}
