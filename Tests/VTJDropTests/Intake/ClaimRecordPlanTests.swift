import Testing
@testable import VTJDrop

/// A planned fetch's claim note is its whole plan (issue 14, item 4).
@Suite struct ClaimRecordPlanTests {
    @Test func aPlannedNoteNamesItsOperationAndNeedsNoInput() throws {
        let note = ClaimRecord(department: "vesihuolto", originalName: "ajastettu-muutokset.xml", input: "", planned: "muutokset")
        let read = try #require(ClaimRecord(text: note.text))
        #expect(read == note)
        #expect(read.planned == "muutokset" && read.input.isEmpty)
    }

    @Test func aDroppedFilesNoteStillNeedsItsInput() {
        #expect(ClaimRecord(text: "department=sivistys\nname=lista.txt\ninput=\n") == nil)
        #expect(ClaimRecord(text: "department=sivistys\nname=lista.txt\ninput=lista.txt\n")?.planned == nil)
        #expect(ClaimRecord(text: "department=sivistys\nname=x\ninput=../x\nplanned=muutokset\n") == nil, "never a path")
    }
}
