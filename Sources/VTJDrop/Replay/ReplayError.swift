/// Why `vtjdrop retry` did not re-queue a drop; each line says what to do instead.
package enum ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No request of that id in the journal.
    case unknown(String)
    /// The drop was published: its result reached the department, and is never produced twice by replay.
    case published(String, results: [String])
    /// The drop is still claimed (in progress or waiting for its automatic retry).
    case stillClaimed(String, state: String)
    /// Retention deleted the quarantined input, or it is not where the journal says.
    case inputGone(String, path: String)
    /// The drop's department is no longer configured.
    case departmentGone(String, department: String)
    /// A file of that name waits in the inbox already.
    case nameTaken(String, path: String)
    /// Copying the input into the inbox failed.
    case copyFailed(String, path: String, reason: String)

    package var description: String {
        switch self {
        case .unknown(let id):
            "\(id): no such request in the journal; `vtjdrop audit --request` and the receipts name request ids"
        case .published(let id, let results):
            "\(id): it was published (\(results.isEmpty ? "receipt" : results.joined(separator: ", "))); a published drop is not run "
                + "again by retry: drop the file again if the department needs a new answer"
        case .stillClaimed(let id, let state):
            "\(id): it is still claimed (\(state)); the daemon retries it by itself (a restart retries at once), nothing to re-queue"
        case .inputGone(let id, let path):
            "\(id): its input is no longer at \(path) (retention deleted it, or it was moved by hand); ask the department to drop it again"
        case .departmentGone(let id, let department):
            "\(id): department \(department) is no longer configured; add it back before retrying"
        case .nameTaken(let id, let path):
            "\(id): \(path) exists already; wait until it is claimed (or move it away) and retry again"
        case .copyFailed(let id, let path, let reason):
            "\(id): cannot copy the input to \(path): \(reason); check the inbox's space and permissions"
        }
    }
}
