import Foundation
import Glibc
import VTJCore

/// What recovery lists and performs outside the work folders: the quarantine folders the journal
/// never heard of (killed between the rename and the journal write, or between the note and the
/// rename) and the outbox staging folders' half-written files.
extension WorkRecovery {
    /// An inbox entry refused unread that an earlier run did not finish answering.
    enum RefusedEntry {
        /// Journaled `refused` with the entry in quarantine: its receipt may not be out.
        case receipt(IntakeCycle.PendingReceipt)
        /// Moved into quarantine but never journaled: journaled and answered like any refused entry.
        case unjournaled(id: DropID, name: DropFileName, reason: String, message: Message, stored: String, department: String)
    }

    /// The quarantine folders unknown to the journal, as the plan reads them, and their notes.
    struct QuarantineListing {
        var found: [RecoveryPlan.UnjournaledQuarantine] = []
        var notes: [String: (note: ClaimRecord, entries: [String])] = [:]
        var folder = ""

        /// The entry to answer for `id`, when its note says who and why.
        func answer(_ id: String) -> RefusedEntry? {
            guard let (note, entries) = notes[id], let reason = note.reason, let dropID = DropID(id), let entry = entries.first
            else { return nil }
            return .unjournaled(id: dropID, name: DropFileName(displayed: note.originalName), reason: reason,
                                message: InboxListing.Refusal(described: reason)?.message ?? Message(.quarantinedUnknown),
                                stored: folder + "/" + id + "/" + entry, department: note.department)
        }
    }

    /// Folders `<state>/quarantine/<id>/` the journal does not know, with the claim note written
    /// before the rename. A folder that cannot be read is left alone (the plan never hears of it).
    func listQuarantine() -> QuarantineListing {
        let quarantine = appliance.mover.quarantineFolder
        var listing = QuarantineListing(folder: quarantine)
        for name in listFolder(quarantine) {
            guard let id = DropID(name) else { continue }
            // Unreadable journal: the folder is treated as known and left alone (logged by `logged`).
            guard let known = logged("request \(id.value)", { try appliance.database.journal.entry(id.value) }), known == nil
            else { continue }
            let folder = quarantine + "/" + id.value
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            let note = ClaimRecord.read(in: descriptor)
            close(descriptor)
            // Entries in these folders carry safe (UTF-8) names, so FileManager can list them; an
            // unlistable folder counts as empty of entries and is only ever removed when empty (rmdir).
            let contents = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != ClaimRecord.fileName }
            let usable = note.map { note in
                note.reason != nil && appliance.configuration.departments.contains { $0.id == note.department }
            } ?? false
            listing.found.append(RecoveryPlan.UnjournaledQuarantine(dropID: id.value, noteIsUsable: usable, entries: contents.count))
            if let note { listing.notes[id.value] = (note, contents) }
        }
        return listing
    }

    /// A quarantine folder holding only its claim note (killed before the rename; the entry is
    /// still in the inbox and is handled afresh).
    func removeEmptyQuarantine(_ id: String) {
        let folder = appliance.mover.quarantineFolder + "/" + id
        // rmdir fails on a folder that is not empty after all: then it stays for the operator.
        if unlink(folder + "/" + ClaimRecord.fileName) != 0 || rmdir(folder) != 0 {
            appliance.logger.warning("cannot remove an empty quarantine folder an earlier run left; it stays for the operator",
                                     metadata: ["request": "\(id)", "error": "\(String(cString: strerror(errno)))"])
        }
    }

    /// Departments whose outbox staging folder holds anything.
    func listStaging() -> Set<String> {
        var stale: Set<String> = []
        for department in appliance.configuration.departments {
            let staging = appliance.publisher(department.id).temporaryFolder
            // Missing or unreadable: nothing this start can clear (the department's health reports the folder).
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: staging) else { continue }
            if !names.isEmpty { stale.insert(department.id) }
        }
        return stale
    }

    /// Removes the half-written files an earlier run left in a department's staging folder.
    func clearStaging(_ department: String) {
        do {
            let removed = try appliance.publisher(department).removeStaleTemporaryFiles()
            if removed > 0 {
                appliance.logger.notice("removed half-written outbox files an earlier run left",
                                        metadata: ["department": "\(department)", "files": "\(removed)"])
            }
        } catch {
            appliance.logger.warning("cannot clear the outbox staging folder; its stale files stay hidden there",
                                     metadata: ["department": "\(department)", "error": "\(error)"])
        }
    }
}
