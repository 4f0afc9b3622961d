import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop

@Suite struct ClaimRecoveryTests {
    /// After a crash the work folder alone says which department a claimed drop belongs to.
    @Test func claimedWorkIsFoundAgainWithItsDepartment() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/kirjasto")
        let odd: [UInt8] = Array("lainaajat ".utf8) + [0xE4] + Array("\n.csv".utf8)
        try DropTestFolder.write(Array("hetu\n010594Y9032\n".utf8), named: odd, in: inbox)
        try DropTestFolder.write("", to: inbox + "/" + String(decoding: odd, as: UTF8.self) + ".done")
        let claimer = Claimer(stateFolder: temp.path + "/state")
        try claimer.prepare()
        let id = DropID(secondsSinceEpoch: 1_795_707_780, random: 3)
        let outcome = try claimer.claim(DropFileName(raw: odd), department: "kirjasto", from: inbox, id: id)
        guard case .claimed(let claimed) = outcome else { Issue.record("\(outcome)"); return }

        let restarted = Claimer(stateFolder: temp.path + "/state")
        #expect(try restarted.leftovers() == [.claimed(claimed)])
        #expect(claimed.originalName.raw == odd)
    }

    @Test func aClaimThatNeverGotItsFileIsRemovedAndStrangersAreLeft() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let claimer = Claimer(stateFolder: temp.path + "/state")
        try claimer.prepare()
        let early = DropID(secondsSinceEpoch: 1_795_707_780, random: 1)
        let work = try temp.folder("state/work/" + early.value)
        try DropTestFolder.write("department=a\nname=x.txt\ninput=x.txt\n", to: work + "/.claim")
        try temp.folder("state/work/jotain-muuta")
        let late = DropID(secondsSinceEpoch: 1_795_707_781, random: 1)
        try temp.folder("state/work/" + late.value)

        let leftovers = try claimer.leftovers()
        #expect(leftovers == [
            .removedEmpty(folder: work),
            .unknown(folder: temp.path + "/state/work/" + late.value),
            .unknown(folder: temp.path + "/state/work/jotain-muuta"),
        ])
        #expect(!FileManager.default.fileExists(atPath: work))
    }
}
