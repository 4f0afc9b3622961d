/// What to do after a restart with everything an earlier run left, decided in one place (before
/// issue 14, seven did) from the journal's unfinished rows and a listing of the state folder and
/// the outbox staging folders.
///
/// Pure: the runtime lists (``Listing``), the plan decides (``actions``), the runtime's executor
/// performs each ``Action`` in order and logs every failure.
public struct RecoveryPlan: Sendable {
    /// A journal row that is not finished.
    public struct Entry: Hashable, Sendable {
        public var dropID: String
        public var department: String
        public var state: DropState
        /// Where the journal last put the input (a quarantine path for entries intake refused unread).
        public var storedPath: String

        public init(dropID: String, department: String, state: DropState, storedPath: String) {
            self.dropID = dropID
            self.department = department
            self.state = state
            self.storedPath = storedPath
        }
    }

    /// A folder `<state>/claims/<department>/work/<id>/`.
    public struct WorkFolder: Hashable, Sendable {
        public var dropID: String
        public var department: String
        /// Its claim note could be read.
        public var hasNote: Bool
        /// The input the note names is there.
        public var hasInput: Bool
        /// Anything besides the note (the input, a marker, something unknown).
        public var hasOtherEntries: Bool

        public init(dropID: String, department: String, hasNote: Bool, hasInput: Bool, hasOtherEntries: Bool) {
            self.dropID = dropID
            self.department = department
            self.hasNote = hasNote
            self.hasInput = hasInput
            self.hasOtherEntries = hasOtherEntries
        }
    }

    /// A folder `<state>/quarantine/<id>/` the journal does not know.
    public struct UnjournaledQuarantine: Hashable, Sendable {
        public var dropID: String
        /// The claim note's department and refusal reason, when it has both and the department is configured.
        public var noteIsUsable: Bool
        /// Entries besides the note.
        public var entries: Int

        public init(dropID: String, noteIsUsable: Bool, entries: Int) {
            self.dropID = dropID
            self.noteIsUsable = noteIsUsable
            self.entries = entries
        }
    }

    /// What the runtime found.
    public struct Listing: Sendable {
        /// The journal's unfinished rows, and the rows of the work folders found whatever their state
        /// (a finished one whose move failed is moved, never walked again).
        public var unfinished: [Entry]
        public var workFolders: [WorkFolder]
        /// Request ids whose folder is in the archive / in quarantine (only asked for unfinished
        /// entries without a work folder).
        public var inArchive: Set<String>
        public var inQuarantine: Set<String>
        /// Change deliveries that noted a final log key not yet committed, with their journal state (nil: unknown).
        public var pendingLogKeys: [(dropID: String, state: DropState?)]
        public var unjournaledQuarantine: [UnjournaledQuarantine]
        /// The quarantine folder's path with a trailing `/` (entries intake refused unread are stored under it).
        public var quarantinePrefix: String
        /// Departments whose outbox staging folder (`.vtjdrop-tmp`) holds files an earlier run
        /// stopped writing: never published, never resumed (a walk writes new ones).
        public var staleStaging: Set<String>

        public init(unfinished: [Entry] = [], workFolders: [WorkFolder] = [], inArchive: Set<String> = [],
                    inQuarantine: Set<String> = [], pendingLogKeys: [(dropID: String, state: DropState?)] = [],
                    unjournaledQuarantine: [UnjournaledQuarantine] = [], quarantinePrefix: String = "/quarantine/",
                    staleStaging: Set<String> = []) {
            self.unfinished = unfinished
            self.workFolders = workFolders
            self.inArchive = inArchive
            self.inQuarantine = inQuarantine
            self.pendingLogKeys = pendingLogKeys
            self.unjournaledQuarantine = unjournaledQuarantine
            self.quarantinePrefix = quarantinePrefix
            self.staleStaging = staleStaging
        }
    }

    /// One step of recovery, in the order returned.
    public enum Action: Hashable, Sendable {
        /// Half-written files in a department's outbox staging folder: remove them. Only here, at
        /// start, when nothing of this run can be writing there yet.
        case clearStaging(department: String)
        /// The input was moved to the archive / quarantine but the move was not journaled: journal it.
        case journalMove(dropID: String, to: DropState)
        /// A delivery the journal says was published: its noted log key becomes the change cursor.
        case commitLogKey(dropID: String)
        /// A delivery that ended without a result: its noted log key is dropped.
        case discardLogKey(dropID: String)
        /// A claim that never got its file (killed between the note and the rename): remove the folder.
        case removeEmptyClaim(dropID: String, department: String)
        /// A work folder without a readable claim note but with contents: quarantine it for the operator.
        case quarantineUnaccounted(dropID: String, department: String)
        /// A claimed drop: do what its journal state asks (archive, quarantine, or walk it again).
        case claimed(dropID: String, department: String, DropLifecycle.Action)
        /// An entry intake refused unread whose receipt may not be out: publish it (again; kept if there).
        case publishRefusalReceipt(dropID: String)
        /// A quarantine folder the journal never heard of, with its entry and note: journal and answer it.
        case answerUnjournaledQuarantine(dropID: String)
        /// A quarantine folder holding only a claim note (killed before the rename): remove it.
        case removeEmptyQuarantine(dropID: String)
    }

    public let listing: Listing

    public init(_ listing: Listing) { self.listing = listing }

    /// Every step, in order: staging folders cleared, journal records completed (so the claims
    /// below see their state), then change cursors, then the work folders oldest first, then
    /// quarantine's receipts.
    public var actions: [Action] {
        var actions: [Action] = listing.staleStaging.sorted().map { .clearStaging(department: $0) }
        let working = Set(listing.workFolders.map(\.dropID))
        var states: [String: DropState] = [:]
        for entry in listing.unfinished { states[entry.dropID] = entry.state }
        for entry in listing.unfinished where !working.contains(entry.dropID) {
            // An entry intake refused unread is journaled `quarantined` when its receipt is out (below);
            // completing its record here first would leave the department without a receipt.
            if entry.isRefusedUnread(quarantinePrefix: listing.quarantinePrefix) { continue }
            if listing.inArchive.contains(entry.dropID) {
                actions.append(.journalMove(dropID: entry.dropID, to: .archived))
                states[entry.dropID] = .archived
            } else if listing.inQuarantine.contains(entry.dropID) {
                actions.append(.journalMove(dropID: entry.dropID, to: .quarantined))
                states[entry.dropID] = .quarantined
            }
        }
        for (dropID, state) in listing.pendingLogKeys {
            switch states[dropID] ?? state {
            case .published?, .archived?: actions.append(.commitLogKey(dropID: dropID))
            case .refused?, .quarantined?, nil: actions.append(.discardLogKey(dropID: dropID))
            default: continue  // walked again: the re-run commits the earlier key itself
            }
        }
        for folder in listing.workFolders.sorted(by: { $0.dropID < $1.dropID }) {
            guard folder.hasNote else {
                actions.append(folder.hasOtherEntries
                    ? .quarantineUnaccounted(dropID: folder.dropID, department: folder.department)
                    : .removeEmptyClaim(dropID: folder.dropID, department: folder.department))
                continue
            }
            guard folder.hasInput else {
                // The note was written but the rename never happened: the drop is still in the inbox.
                if !folder.hasOtherEntries { actions.append(.removeEmptyClaim(dropID: folder.dropID, department: folder.department)) }
                continue
            }
            actions.append(.claimed(dropID: folder.dropID, department: folder.department,
                                    DropLifecycle.next(inState: states[folder.dropID])))
        }
        for entry in listing.unfinished
        where entry.isRefusedUnread(quarantinePrefix: listing.quarantinePrefix) && !working.contains(entry.dropID) {
            actions.append(.publishRefusalReceipt(dropID: entry.dropID))
        }
        for folder in listing.unjournaledQuarantine where folder.noteIsUsable {
            if folder.entries == 0 {
                actions.append(.removeEmptyQuarantine(dropID: folder.dropID))
            } else if folder.entries == 1 {
                actions.append(.answerUnjournaledQuarantine(dropID: folder.dropID))
            }
        }
        return actions
    }
}

extension RecoveryPlan.Entry {
    /// Refused by intake without being read: the journal stored it in quarantine, not a work folder.
    func isRefusedUnread(quarantinePrefix: String) -> Bool { state == .refused && storedPath.hasPrefix(quarantinePrefix) }
}
