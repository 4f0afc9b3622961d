import Testing
import VTJCore

/// Recovery after a restart, decided from a journal and a folder listing (no files, no database).
@Suite struct RecoveryPlanTests {
    typealias Entry = RecoveryPlan.Entry
    typealias Folder = RecoveryPlan.WorkFolder

    func entry(_ id: String, _ state: DropState, stored: String = "/state/claims/d/work/x/input") -> Entry {
        Entry(dropID: id, department: "d", state: state, storedPath: stored)
    }

    func claimed(_ id: String) -> Folder { Folder(dropID: id, department: "d", hasNote: true, hasInput: true, hasOtherEntries: true) }

    @Test func claimedDropsAreFinishedOrWalkedByTheirJournalStateOldestFirst() {
        let plan = RecoveryPlan(.init(
            unfinished: [entry("r3", .querying), entry("r1", .published), entry("r2", .refused), entry("r5", .failedTransient),
                         entry("r6", .archived)],
            workFolders: [claimed("r5"), claimed("r3"), claimed("r2"), claimed("r1"), claimed("r4"), claimed("r6")]))
        #expect(plan.actions == [
            .claimed(dropID: "r1", department: "d", .archive),
            .claimed(dropID: "r2", department: "d", .quarantine),
            .claimed(dropID: "r3", department: "d", .walk),
            .claimed(dropID: "r4", department: "d", .walk),  // never journaled: walked from the start
            .claimed(dropID: "r5", department: "d", .walk),
            .claimed(dropID: "r6", department: "d", .archive),  // journaled done, the move had failed: never walked again
        ])
    }

    /// Killed between the move and its journal record: the record is completed from where the
    /// folder is, before anything else reads the state.
    @Test func movesDoneButNotJournaledAreJournaledFirst() {
        let plan = RecoveryPlan(.init(
            unfinished: [entry("a", .published), entry("q", .refused), entry("lost", .querying)],
            inArchive: ["a"], inQuarantine: ["q"], pendingLogKeys: [("a", .published)]))
        #expect(plan.actions == [
            .journalMove(dropID: "a", to: .archived),
            .journalMove(dropID: "q", to: .quarantined),
            .commitLogKey(dropID: "a"),
        ])
    }

    @Test func changeCursorsFollowTheJournal() {
        let plan = RecoveryPlan(.init(
            unfinished: [entry("walk", .querying)],
            workFolders: [claimed("walk")],
            pendingLogKeys: [("out", .archived), ("walk", .querying), ("gone", nil), ("no", .quarantined)]))
        #expect(plan.actions == [
            .commitLogKey(dropID: "out"),
            .discardLogKey(dropID: "gone"),
            .discardLogKey(dropID: "no"),
            .claimed(dropID: "walk", department: "d", .walk),
        ], "a delivery walked again commits its own key")
    }

    @Test func claimFoldersWithoutNoteOrInput() {
        let plan = RecoveryPlan(.init(workFolders: [
            Folder(dropID: "1", department: "d", hasNote: false, hasInput: false, hasOtherEntries: false),
            Folder(dropID: "2", department: "d", hasNote: false, hasInput: false, hasOtherEntries: true),
            Folder(dropID: "3", department: "d", hasNote: true, hasInput: false, hasOtherEntries: false),
            Folder(dropID: "4", department: "d", hasNote: true, hasInput: false, hasOtherEntries: true),
        ]))
        #expect(plan.actions == [
            .removeEmptyClaim(dropID: "1", department: "d"),
            .quarantineUnaccounted(dropID: "2", department: "d"),
            .removeEmptyClaim(dropID: "3", department: "d"),
        ], "a note without its input but with something else is left for the operator")
    }

    /// An entry intake refused unread, killed after `refused` was journaled and before its receipt:
    /// the receipt is published, and the record is not completed ahead of it (before the plan,
    /// WorkRecovery journaled it `quarantined` first, and the receipt was never published).
    @Test func anEntryRefusedUnreadGetsItsReceiptBeforeItsRecordIsCompleted() {
        let plan = RecoveryPlan(.init(
            unfinished: [entry("e", .refused, stored: "/state/quarantine/e/x.lnk")], inQuarantine: ["e"],
            quarantinePrefix: "/state/quarantine/"))
        #expect(plan.actions == [.publishRefusalReceipt(dropID: "e")])
    }

    @Test func quarantineFoldersTheJournalNeverHeardOf() {
        let plan = RecoveryPlan(.init(unjournaledQuarantine: [
            .init(dropID: "note-only", noteIsUsable: true, entries: 0),
            .init(dropID: "answer", noteIsUsable: true, entries: 1),
            .init(dropID: "odd", noteIsUsable: true, entries: 2),
            .init(dropID: "foreign", noteIsUsable: false, entries: 1),
        ]))
        #expect(plan.actions == [.removeEmptyQuarantine(dropID: "note-only"), .answerUnjournaledQuarantine(dropID: "answer")])
    }

    /// Half-written outbox files are cleared first, before anything is published again, one
    /// action per department in a stable order.
    @Test func staleStagingIsClearedBeforeAnythingElse() {
        let plan = RecoveryPlan(.init(unfinished: [entry("a", .published)], workFolders: [claimed("a")],
                                      staleStaging: ["vesihuolto", "kirjasto"]))
        #expect(plan.actions == [
            .clearStaging(department: "kirjasto"),
            .clearStaging(department: "vesihuolto"),
            .claimed(dropID: "a", department: "d", .archive),
        ])
        #expect(RecoveryPlan(.init()).actions.isEmpty, "a clean state folder asks for nothing")
    }
}
