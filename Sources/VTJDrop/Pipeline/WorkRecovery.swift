import Foundation
import Glibc
import Logging
import VTJCore

/// What an earlier run left (a crash, `kill -9`, a shutdown mid-drop), listed from the journal and
/// the state folder for ``RecoveryPlan`` to decide, and the plan's bookkeeping steps performed:
/// half-written outbox files, moves finished but not journaled, change cursors, claim and
/// quarantine folders that never got their file. What it returns is performed by others: the
/// claimed drops are finished by ``DropExecutor`` or walked again by the runner, and the refused
/// entries' receipts go out through intake (``IntakeCycle/resume(_:)``), which retries them.
struct WorkRecovery {
    let appliance: Appliance

    /// A claimed drop found in its work folder, with what its journal state asks for.
    struct Found {
        let file: ClaimedFile
        let action: DropLifecycle.Action
    }

    /// What is left for others to perform.
    struct Recovered {
        /// Claimed drops, oldest request id first.
        var claimed: [Found] = []
        /// Inbox entries refused unread whose receipt may not be out.
        var refusals: [RefusedEntry] = []
    }

    /// Every unfinished claim, oldest request id first (the plan's other steps are performed first).
    func unfinished() -> [ClaimedFile] { run().claimed.map(\.file) }

    /// Lists, plans and performs the bookkeeping steps; returns the rest.
    func run() -> Recovered {
        discardStagedDisclosures()
        let (listing, files) = list()
        let quarantined = listQuarantine()
        var plan = listing
        plan.unjournaledQuarantine = quarantined.found
        plan.staleStaging = listStaging()
        var recovered = Recovered()
        for action in RecoveryPlan(plan).actions {
            switch action {
            case .clearStaging(let department):
                clearStaging(department)
            case .journalMove(let id, let state):
                let path = state == .archived ? archiveFolder(id) : appliance.mover.quarantineFolder + "/" + id
                appliance.logger.notice("journaling a move an earlier run finished but did not record",
                                        metadata: ["request": "\(id)", "state": "\(state)"])
                appliance.journal(state, for: id, update: JournalUpdate(storedPath: path))
            case .commitLogKey(let id):
                commitLogKey(id)
            case .discardLogKey(let id):
                do {
                    try appliance.database.followedRegister.discardPendingLogKey(dropID: id)
                } catch {
                    appliance.logger.error("cannot drop the noted change cursor of a delivery that ended without a result",
                                           metadata: ["request": "\(id)", "error": "\(error)"])
                }
            case .removeEmptyClaim(let id, let department):
                // Killed between creating the folder and the rename: nothing was claimed.
                let folder = workFolder(department, id)
                if unlink(folder + "/" + ClaimRecord.fileName) != 0 && errno != ENOENT || rmdir(folder) != 0 {
                    // Harmless but untidy: the next start finds the same empty claim and tries again.
                    appliance.logger.warning("cannot remove an empty claim folder an earlier run left; the next start tries again",
                                             metadata: ["request": "\(id)", "error": "\(String(cString: strerror(errno)))"])
                }
            case .quarantineUnaccounted(let id, let department):
                appliance.logger.error("claimed work without its claim note; moving it to quarantine for the operator",
                                       metadata: ["request": "\(id)"])
                do {
                    guard let dropID = DropID(id) else { continue }
                    _ = try appliance.mover.quarantine(workFolder: workFolder(department, id), id: dropID)
                } catch {
                    appliance.logger.error("cannot move the unaccounted work folder to quarantine; it stays for the operator",
                                           metadata: ["request": "\(id)", "error": "\(error)"])
                }
            case .claimed(let id, _, let next):
                if let file = files[id] { recovered.claimed.append(Found(file: file, action: next)) }
            case .publishRefusalReceipt(let id):
                if let entry = logged("request \(id)", { try appliance.database.journal.entry(id) }) ?? nil {
                    recovered.refusals.append(.receipt(IntakeCycle.PendingReceipt(recovering: entry)))
                }
            case .answerUnjournaledQuarantine(let id):
                if let refusal = quarantined.answer(id) { recovered.refusals.append(refusal) }
            case .removeEmptyQuarantine(let id):
                removeEmptyQuarantine(id)
            }
        }
        return recovered
    }

    /// The journal's unfinished rows and the state folder, as the plan reads them; and the claimed
    /// drops found, by request id.
    func list() -> (RecoveryPlan.Listing, [String: ClaimedFile]) {
        let journal = appliance.database.journal
        let entries = logged("the journal's unfinished requests") { try journal.unfinished() } ?? []
        var listing = RecoveryPlan.Listing(quarantinePrefix: appliance.mover.quarantineFolder + "/")
        listing.unfinished = entries.map {
            RecoveryPlan.Entry(dropID: $0.dropID, department: $0.department, state: $0.state, storedPath: $0.storedPath)
        }
        var files: [String: ClaimedFile] = [:]
        let claims = Appliance.claimsFolder(state: appliance.configuration.state)
        for department in listFolder(claims) where !department.hasPrefix(".") {
            let work = claims + "/" + department + "/work"
            for name in listFolder(work) where !name.hasPrefix(".") {
                guard let id = DropID(name) else { continue }
                // A folder that cannot be opened (not a folder, no access) is left alone.
                guard let (folder, file) = inspect(folder: work + "/" + name, id: id, department: department) else { continue }
                listing.workFolders.append(folder)
                if let file { files[id.value] = file }
            }
        }
        let working = Set(listing.workFolders.map(\.dropID))
        let known = Set(entries.map(\.dropID))
        for id in working.subtracting(known).sorted() {
            if let entry = logged("request \(id)", { try journal.entry(id) }) ?? nil {
                listing.unfinished.append(RecoveryPlan.Entry(dropID: id, department: entry.department, state: entry.state,
                                                             storedPath: entry.storedPath))
            }
        }
        for entry in entries where !working.contains(entry.dropID) {
            if access(archiveFolder(entry.dropID), F_OK) == 0 { listing.inArchive.insert(entry.dropID) }
            if access(appliance.mover.quarantineFolder + "/" + entry.dropID, F_OK) == 0 { listing.inQuarantine.insert(entry.dropID) }
        }
        let register = appliance.database.followedRegister
        let noted = logged("the noted change cursors") { try register.pendingLogKeyRequests() } ?? []
        for id in noted {
            listing.pendingLogKeys.append((id, (logged("request \(id)") { try journal.entry(id) } ?? nil)?.state))
        }
        return (listing, files)
    }

    /// A work folder as the plan sees it, and the claimed drop in it when there is one.
    private func inspect(folder: String, id: DropID, department: String) -> (RecoveryPlan.WorkFolder, ClaimedFile?)? {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let note = ClaimRecord.read(in: descriptor)
        close(descriptor)
        // The folder was just opened; a listing failing now only hides a marker (the drop is then read without it).
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let others = !contents.allSatisfy { $0 == ClaimRecord.fileName }
        guard let note else {
            return (RecoveryPlan.WorkFolder(dropID: id.value, department: department, hasNote: false, hasInput: false,
                                            hasOtherEntries: others), nil)
        }
        if let planned = note.planned {
            // A fetch the appliance planned (the change schedule): the note is the whole plan.
            guard let operation = DropContent.Operation(rawValue: planned) else {
                appliance.logger.error("planned work names an unknown operation; moving it to quarantine for the operator",
                                       metadata: ["request": "\(id.value)", "operation": "\(planned)"])
                do {
                    _ = try appliance.mover.quarantine(workFolder: folder, id: id)
                } catch {
                    // Left claimed: the next start finds the same note and tries the move again.
                    appliance.logger.error("cannot move the planned work to quarantine; the next start tries again",
                                           metadata: ["request": "\(id.value)", "error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
                }
                return nil
            }
            let file = ClaimedFile(id: id, department: note.department, originalName: DropFileName(displayed: note.originalName),
                                   folder: folder, path: folder, markerPath: nil, size: 0, planned: operation)
            return (RecoveryPlan.WorkFolder(dropID: id.value, department: department, hasNote: true, hasInput: true,
                                            hasOtherEntries: true), file)
        }
        let path = folder + "/" + note.input
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return (RecoveryPlan.WorkFolder(dropID: id.value, department: department, hasNote: true, hasInput: false,
                                            hasOtherEntries: others), nil)
        }
        let marker = contents.first { $0.hasSuffix(ReadinessMode.markerSuffix) && $0 != note.input }
        // What the claim saw, if the journal got to record it: unchanged input is resumed at once.
        // Unreadable: the drop is read again as if its input had changed (it waits to be quiet first).
        let stamp = (logged("request \(id.value)") { try appliance.database.journal.entry(id.value) } ?? nil)?
            .inputStamp.flatMap(InputStamp.init(encoded:))
        let file = ClaimedFile(id: id, department: note.department, originalName: DropFileName(displayed: note.originalName),
                               folder: folder, path: path, markerPath: marker.map { folder + "/" + $0 }, size: Int64(info.st_size),
                               claimStamp: stamp)
        return (RecoveryPlan.WorkFolder(dropID: id.value, department: department, hasNote: true, hasInput: true,
                                        hasOtherEntries: true), file)
    }

    /// A delivery noted its final log key, then was killed around publishing; the journal says it
    /// was published, so its changes are out and the cursor moves to the noted key.
    private func commitLogKey(_ id: String) {
        do {
            if let key = try appliance.database.followedRegister.commitPendingLogKey(dropID: id, at: appliance.clock.now()) {
                appliance.logger.notice("storing the change cursor of a delivery an earlier run published",
                                        metadata: ["request": "\(id)", "log-key": "\(key)"])
            }
        } catch {
            // Kept pending: the next start tries again (the delivery is out; only its cursor waits).
            appliance.logger.error("cannot store the change cursor of a published delivery; the next start tries again",
                                   metadata: ["request": "\(id)", "error": "\(error)"])
        }
    }

    func workFolder(_ department: String, _ id: String) -> String {
        Appliance.claimsFolder(state: appliance.configuration.state) + "/" + department + "/work/" + id
    }

    private func archiveFolder(_ id: String) -> String {
        appliance.mover.archiveFolder + "/" + (DropID(id)?.datePart ?? "") + "/" + id
    }

    /// A folder's names; a folder that is not there has none, one that cannot be listed is logged
    /// (what it holds waits for the next start).
    func listFolder(_ path: String) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            appliance.logger.error("recovery cannot list a state folder; what it holds waits for the next start",
                                   metadata: ["folder": "\(path)", "error": "\(error)"])
            return []
        }
    }

    /// A read that recovery can do without, logged when it fails (recovery then works from less).
    func logged<T>(_ what: String, _ read: () throws -> T) -> T? {
        do { return try read() } catch {
            appliance.logger.error("recovery cannot read \(what); it goes on without", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Disclosed persons staged by walks an earlier run left unpublished were never a disclosure
    /// (no header row, so no reader counts them): they go before any walk starts, and a resumed walk
    /// stages its own again. A failure is logged; the rows stay invisible and the next start tries again.
    private func discardStagedDisclosures() {
        do {
            let discarded = try appliance.database.auditLog.discardStagedDisclosures()
            if discarded > 0 {
                appliance.logger.notice("discarded the staged disclosure rows of walks an earlier run left unpublished",
                                        metadata: ["rows": "\(discarded)"])
            }
        } catch {
            appliance.logger.error("cannot discard staged disclosure rows an earlier run left; they stay unread, the next start tries again",
                                   metadata: ["error": "\(error)"])
        }
    }
}
