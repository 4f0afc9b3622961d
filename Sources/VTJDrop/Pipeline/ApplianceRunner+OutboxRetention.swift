import Foundation
import Glibc
import Logging
import VTJCore

extension ApplianceRunner {
    /// Removes results, receipts and list files older than `retention.outbox_days` from the
    /// outboxes (run with the input retention, at most once an hour), each removal audited.
    ///
    /// Only what the journal says a request published is considered, and a file is removed only
    /// when it still lies directly in its department's outbox folder, carries the request's id in
    /// its name and is a regular file: a clerk's own file, or one replaced by a link, is left alone.
    func runOutboxRetention(now: Date) {
        let journal = appliance.database.journal
        let due: [(OutboxCandidate, ageDays: Int)]
        do {
            due = try journal.outboxDue(appliance.configuration.retention.outbox, now: now)
        } catch {
            appliance.logger.error("outbox retention cannot read the journal; it tries again in an hour", metadata: ["error": "\(error)"])
            return
        }
        for (candidate, age) in due {
            let folder = appliance.publisher(candidate.department).folder
            var removed: [String] = []
            var failed = false
            for path in candidate.files {
                let name = (path as NSString).lastPathComponent
                guard (path as NSString).deletingLastPathComponent == folder,
                      OutboxRetention.isOwnFile(name, dropID: candidate.dropID) else { continue }
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }  // already fetched or removed by hand
                guard info.st_mode & S_IFMT == S_IFREG else { continue }  // not what vtjdrop wrote
                if unlink(path) == 0 || errno == ENOENT {
                    removed.append(name)
                } else {
                    failed = true
                    appliance.logger.error("outbox retention could not remove a published file", metadata: [
                        "request": "\(candidate.dropID)", "department": "\(candidate.department)",
                        "file": "\(DropFileName.maskingHetus(in: name))", "error": "\(String(cString: strerror(errno)))",
                    ])
                }
            }
            // Unfinished (a file could not be removed): the next sweep tries again.
            guard !failed else { continue }
            do {
                try journal.recordOutboxRemoval(candidate, removed: removed, ageDays: age, at: now)
            } catch {
                appliance.logger.error("outbox retention removed files but cannot audit it; the next sweep records it",
                                       metadata: ["request": "\(candidate.dropID)", "error": "\(error)"])
                continue
            }
            for name in removed {
                appliance.logger.info("outbox retention ended; published file removed", metadata: [
                    "request": "\(candidate.dropID)", "department": "\(candidate.department)",
                    "file": "\(DropFileName.maskingHetus(in: name))", "age-days": "\(age)",
                ])
            }
        }
    }
}
