import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop

@Suite struct FileMoverTests {
    @Test func archiveMovesTheWorkFolderUnderItsClaimDate() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        try DropTestFolder.write("010594Y9032\n", to: inbox + "/lista.txt")
        let claimer = Claimer(stateFolder: temp.path + "/state")
        try claimer.prepare()
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 7)
        guard case .claimed(let claimed) = try claimer.claim(DropFileName("lista.txt"), department: "a", from: inbox, id: id) else {
            Issue.record("not claimed"); return
        }
        let mover = FileMover(stateFolder: temp.path + "/state")
        let archived = try mover.archive(workFolder: claimed.folder, id: id)
        #expect(archived == temp.path + "/state/archive/2026-11-26/" + id.value)
        #expect(try DropTestFolder.read(archived + "/lista.txt") == "010594Y9032\n")
        #expect(try DropTestFolder.names(temp.path + "/state/work").isEmpty)
    }

    /// A name already taken in the archive gets a numbered suffix; when every alternative is
    /// taken the move fails once with an error instead of looping.
    @Test func collisionsGetASuffixAndNeverLoop() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 9)
        let mover = FileMover(stateFolder: temp.path + "/state", attempts: 2)
        var results: [String] = []
        for round in 0..<3 {
            let work = try temp.folder("state/work/\(id.value)")
            try DropTestFolder.write("\(round)", to: work + "/x.txt")
            results.append(try mover.quarantine(workFolder: work, id: id))
        }
        #expect(results.map { $0.split(separator: "/").last.map(String.init) ?? "" } == [id.value, id.value + "-1", id.value + "-2"])
        let work = try temp.folder("state/work/\(id.value)")
        try DropTestFolder.write("3", to: work + "/x.txt")
        #expect(throws: DeliveryError.noFreeName(path: temp.path + "/state/quarantine/" + id.value, attempts: 2)) {
            try mover.quarantine(workFolder: work, id: id)
        }
        #expect(try DropTestFolder.read(work + "/x.txt") == "3")
        #expect(try DropTestFolder.read(temp.path + "/state/quarantine/" + id.value + "/x.txt") == "0")
    }

    @Test func quarantiningAnInboxSymlinkMovesTheLinkNotItsTarget() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        try FileManager.default.createSymbolicLink(atPath: inbox + "/passwd.txt", withDestinationPath: "/etc/passwd")
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 11)
        let moved = try FileMover(stateFolder: temp.path + "/state").quarantine(DropFileName("passwd.txt"), department: "a", from: inbox, id: id)
        #expect(moved == temp.path + "/state/quarantine/" + id.value + "-a-passwd.txt")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: moved) == "/etc/passwd")
        #expect(try DropTestFolder.names(inbox).isEmpty)
    }
}
