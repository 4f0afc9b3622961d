import Foundation
import GRDB
import VTJCore

/// `vtjdrop retry`: puts a quarantined drop's input back into its department's inbox, where the
/// daemon (or the next `run --once`) claims it as a new drop with a new request id.
///
/// The quarantined copy stays where it is (retention removes it), so nothing is destroyed; the
/// copy enters the inbox under a dot name and is renamed in without replacing anything, so the
/// daemon never sees half a file. Every re-queue is written into the request's journal history
/// (`requeued`, with who asked and where the copy went). Published drops are refused: their result
/// reached the department, and a second one would be a second disclosure.
package struct DropReplay: Sendable {
    package let database: StateDatabase
    package let configuration: DropConfiguration

    package init(database: StateDatabase, configuration: DropConfiguration) {
        self.database = database
        self.configuration = configuration
    }

    /// Re-queues one drop; returns the inbox path its input was copied to.
    package func retry(_ dropID: String, by person: String, at now: Date = Date()) throws -> String {
        guard let entry = try database.journal.entry(dropID) else { throw ReplayError.unknown(dropID) }
        switch entry.state {
        case .published, .archived:
            throw ReplayError.published(dropID, results: entry.resultFiles.map { ($0 as NSString).lastPathComponent })
        case .quarantined:
            break
        case .claimed, .read, .querying, .resultsWritten, .refused, .failedTransient:
            throw ReplayError.stillClaimed(dropID, state: entry.state.rawValue)
        }
        guard configuration.department(entry.department) != nil else {
            throw ReplayError.departmentGone(dropID, department: entry.department)
        }
        let folder = entry.storedPath
        guard entry.inputDeletedAt == nil, let input = Self.inputName(in: folder) else {
            throw ReplayError.inputGone(dropID, path: folder)
        }
        let inbox = configuration.inbox + "/" + entry.department
        let target = inbox + "/" + input
        try Self.copyIn(from: folder + "/" + input, to: target, folder: inbox, dropID: dropID)
        try database.journal.recordRequeue(dropID, at: now, detail: "re-queued by \(person) into \(target)")
        return target
    }

    /// Quarantined drops of `department` claimed since `since` and not re-queued before, oldest
    /// first (what a batch retry takes: run twice, it does not queue the same drop twice).
    package func quarantined(department: String, since: Date) throws -> [JournalEntry] {
        try database.journal.entries(department: department, state: .quarantined, claimedSince: since)
            .filter { try database.journal.requeues($0.dropID).isEmpty }
    }

    /// The claimed file's name inside a quarantined work folder (from its `.claim` note, else the one plain file).
    static func inputName(in folder: String) -> String? {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if let note = ClaimRecord.read(in: descriptor) { return note.input }
        // An unlistable archive folder has no input to name; the replay says the input is missing.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
        return names.count == 1 ? names[0] : nil
    }

    /// Copies under a dot name (the scanner ignores those) and renames in without replacing anything.
    private static func copyIn(from source: String, to target: String, folder: String, dropID: String) throws(ReplayError) {
        var info = stat()
        guard lstat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw .inputGone(dropID, path: source) }
        if lstat(target, &info) == 0 { throw .nameTaken(dropID, path: target) }
        let name = (target as NSString).lastPathComponent
        let temporary = folder + "/.vtjdrop-retry-" + dropID + ".part"
        do {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
            guard FileManager.default.createFile(atPath: temporary, contents: bytes, attributes: [.posixPermissions: 0o640]) else {
                throw ReplayError.copyFailed(dropID, path: target, reason: "cannot write \(temporary)")
            }
        } catch let error as ReplayError {
            throw error
        } catch {
            throw .copyFailed(dropID, path: target, reason: "\(error)")
        }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        defer { if descriptor >= 0 { close(descriptor) } }
        let code = descriptor < 0 ? errno
            : NoReplaceRename.rename(descriptor, Array((temporary as NSString).lastPathComponent.utf8), descriptor, name)
        if code != 0 {
            unlink(temporary)
            if code == EEXIST { throw .nameTaken(dropID, path: target) }
            throw .copyFailed(dropID, path: target, reason: String(cString: strerror(code)))
        }
    }
}
