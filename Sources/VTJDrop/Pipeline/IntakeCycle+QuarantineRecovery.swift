import Foundation
import Glibc
import Logging
import VTJCore

extension IntakeCycle {
    /// Answers inbox entries an earlier run moved into quarantine but did not journal (killed
    /// between the rename and the journal write): the department would never get a receipt.
    ///
    /// Such a folder `<state>/quarantine/<id>/` is unknown to the journal and holds the `.claim`
    /// note written before the rename. ``RecoveryPlan`` decides: with the entry beside it, it is
    /// journaled and answered like any refused entry; with the note alone (killed before the
    /// rename, the entry still in the inbox), the folder is removed and the entry is handled
    /// afresh. Anything else is left alone.
    func recoverUnjournaledQuarantine() {
        let quarantine = appliance.mover.quarantineFolder
        var found: [RecoveryPlan.UnjournaledQuarantine] = []
        var notes: [String: (note: ClaimRecord, entries: [String])] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: quarantine)) ?? [] {
            guard let id = DropID(name), ((try? appliance.database.journal.entry(id.value)) ?? nil) == nil else { continue }
            let folder = quarantine + "/" + id.value
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            let note = ClaimRecord.read(in: descriptor)
            close(descriptor)
            // Entries in these folders carry safe (UTF-8) names, so FileManager can list them.
            let contents = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != ClaimRecord.fileName }
            let usable = note.map { note in
                note.reason != nil && appliance.configuration.departments.contains { $0.id == note.department }
            } ?? false
            found.append(RecoveryPlan.UnjournaledQuarantine(dropID: id.value, noteIsUsable: usable, entries: contents.count))
            if let note { notes[id.value] = (note, contents) }
        }
        for action in RecoveryPlan(RecoveryPlan.Listing(unjournaledQuarantine: found)).actions {
            switch action {
            case .removeEmptyQuarantine(let id):
                let folder = quarantine + "/" + id
                _ = unlink(folder + "/" + ClaimRecord.fileName)
                _ = rmdir(folder)
            case .answerUnjournaledQuarantine(let id):
                guard let (note, entries) = notes[id], let reason = note.reason, let dropID = DropID(id) else { continue }
                appliance.logger.notice("answering an inbox entry an earlier run quarantined but did not record",
                                        metadata: ["request": "\(id)"])
                finishRefusal(id: dropID, name: DropFileName(displayed: note.originalName), reason: reason,
                              message: InboxListing.Refusal(described: reason)?.message ?? Message(.quarantinedUnknown),
                              stored: quarantine + "/" + id + "/" + entries[0], department: note.department,
                              log: appliance.logger.with(department: note.department))
            default:
                continue
            }
        }
    }
}
