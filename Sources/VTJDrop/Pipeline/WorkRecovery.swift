import Foundation
import Glibc
import Logging
import VTJCore

/// Finds claimed work left by an earlier run (a crash, `kill -9`, a shutdown mid-drop) so it is
/// resumed: `<state>/claims/<department>/work/<request-id>/` with its claim note.
struct WorkRecovery {
    let appliance: Appliance

    /// Every unfinished claim, oldest request id first. Journal records left one step behind a
    /// finished move are completed first (see ``journalMovedWork(claims:)``).
    func unfinished() -> [ClaimedFile] {
        let claims = Appliance.claimsFolder(state: appliance.configuration.state)
        journalMovedWork(claims: claims)
        settlePendingLogKeys()
        var found: [ClaimedFile] = []
        let manager = FileManager.default
        for department in (try? manager.contentsOfDirectory(atPath: claims)) ?? [] where !department.hasPrefix(".") {
            let work = claims + "/" + department + "/work"
            for name in (try? manager.contentsOfDirectory(atPath: work)) ?? [] where !name.hasPrefix(".") {
                guard let id = RequestID(name) else { continue }
                if let file = claimed(folder: work + "/" + name, id: id) {
                    found.append(file)
                }
            }
        }
        return found.sorted { $0.id < $1.id }
    }

    /// A crash between moving a work folder into the archive (or quarantine) and journaling the
    /// move leaves the request "published" (or "refused") with no work folder to resume: it would
    /// count as backlog forever and its input would never reach retention. The folder is where
    /// the mover put it, so the journal is completed from there.
    private func journalMovedWork(claims: String) {
        let journal = appliance.database.journal
        guard let entries = try? journal.unfinished() else { return }
        for entry in entries {
            guard let id = RequestID(entry.requestID),
                  access(claims + "/" + entry.department + "/work/" + id.value, F_OK) != 0, errno == ENOENT
            else { continue }
            let archived = appliance.mover.archiveFolder + "/" + id.datePart + "/" + id.value
            let quarantined = appliance.mover.quarantineFolder + "/" + id.value
            let (state, path): (RequestState, String)
            if access(archived, F_OK) == 0 {
                (state, path) = (.archived, archived)
            } else if access(quarantined, F_OK) == 0 {
                (state, path) = (.quarantined, quarantined)
            } else {
                continue
            }
            appliance.logger.notice("journaling a move an earlier run finished but did not record",
                                    metadata: ["request": "\(id.value)", "state": "\(state)"])
            appliance.journal(state, for: id.value, update: JournalUpdate(storedPath: path))
        }
    }

    /// A change delivery noted its final log key, then was killed around publishing. When the
    /// journal says it was published, its changes are out, so the cursor moves to the noted key.
    /// When the request ended without a result, the note is dropped. Work that will be walked again
    /// keeps its note: the re-run finds its earlier result and commits the earlier key itself.
    private func settlePendingLogKeys() {
        let register = appliance.database.followedRegister
        guard let requests = try? register.pendingLogKeyRequests() else { return }
        for requestID in requests {
            let state = ((try? appliance.database.journal.entry(requestID)) ?? nil)?.state
            switch state {
            case .published?, .archived?:
                do {
                    if let key = try register.commitPendingLogKey(requestID: requestID, at: appliance.clock.now()) {
                        appliance.logger.notice("storing the change cursor of a delivery an earlier run published",
                                                metadata: ["request": "\(requestID)", "log-key": "\(key)"])
                    }
                } catch {
                    // Kept pending: the next start tries again (the delivery is out; only its cursor waits).
                    appliance.logger.error("cannot store the change cursor of a published delivery; the next start tries again",
                                           metadata: ["request": "\(requestID)", "error": "\(error)"])
                }
            case .refused?, .quarantined?, nil:
                do {
                    try register.discardPendingLogKey(requestID: requestID)
                } catch {
                    appliance.logger.error("cannot drop the noted change cursor of a delivery that ended without a result",
                                           metadata: ["request": "\(requestID)", "error": "\(error)"])
                }
            default:
                continue
            }
        }
    }

    private func claimed(folder: String, id: RequestID) -> ClaimedFile? {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard let note = ClaimRecord.read(in: descriptor) else {
            if contents.allSatisfy({ $0 == ClaimRecord.fileName }) {
                // A crash between creating the folder and finishing its note (empty or cut short):
                // the rename comes after the note, so nothing was claimed.
                _ = unlink(folder + "/" + ClaimRecord.fileName)
                _ = rmdir(folder)
            } else {
                appliance.logger.error("claimed work without its claim note; moving it to quarantine for the operator",
                                       metadata: ["request": "\(id.value)"])
                _ = try? appliance.mover.quarantine(workFolder: folder, id: id)
            }
            return nil
        }
        if let planned = note.planned {
            // A fetch the appliance planned (the change schedule): the note is the whole plan.
            guard let operation = DropContent.Operation(rawValue: planned) else {
                appliance.logger.error("planned work names an unknown operation; moving it to quarantine for the operator",
                                       metadata: ["request": "\(id.value)", "operation": "\(planned)"])
                _ = try? appliance.mover.quarantine(workFolder: folder, id: id)
                return nil
            }
            return ClaimedFile(id: id, department: note.department, originalName: DropFileName(displayed: note.originalName),
                               folder: folder, path: folder, markerPath: nil, size: 0, planned: operation)
        }
        let path = folder + "/" + note.input
        var info = stat()
        guard lstat(path, &info) == 0 else {
            // The note was written but the rename never happened: the drop is still in the inbox.
            if contents.filter({ $0 != ClaimRecord.fileName }).isEmpty {
                _ = unlink(folder + "/" + ClaimRecord.fileName)
                _ = rmdir(folder)
            }
            return nil
        }
        let marker = contents.first { $0.hasSuffix(ReadinessMode.markerSuffix) && $0 != note.input }
        // What the claim saw, if the journal got to record it: unchanged input is resumed at once.
        let stamp = ((try? appliance.database.journal.entry(id.value)) ?? nil)?.inputStamp.flatMap(InputStamp.init(encoded:))
        return ClaimedFile(id: id, department: note.department, originalName: DropFileName(displayed: note.originalName),
                           folder: folder, path: path, markerPath: marker.map { folder + "/" + $0 }, size: Int64(info.st_size),
                           claimStamp: stamp)
    }
}
