import Foundation

/// How one drop's walk ended this time.
public enum DropOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Result and receipt published, input archived.
    case published(result: String?, receipt: String)
    /// Refused or permanently failed: receipt published, input quarantined. `stopsNewWork` when
    /// the cause (bad credentials, no licence) will fail every other drop too.
    case refused(receipt: String, reason: String, stopsNewWork: Bool = false)
    /// A transient failure: the drop stays claimed and is tried again after `retryAt`. `local`
    /// when the cause is on the appliance's side (a full or read-only outbox, the disk), not the
    /// interface's: it must not stop other departments' work.
    ///
    /// `delay` is the wait in seconds: the runner schedules the retry by its monotonic clock, so a
    /// wall clock stepped back or forth neither stalls nor hurries it (`retryAt` is for the journal).
    case retryLater(retryAt: Date, reason: String, stopsNewWork: Bool, local: Bool = false, delay: Double = 30)

    public var description: String {
        switch self {
        case .published(let result, let receipt): "published \(result ?? "-") and \(receipt)"
        case .refused(let receipt, let reason, _): "refused (\(reason)); receipt \(receipt)"
        case .retryLater(let at, let reason, _, _, _): "will retry at \(at): \(reason)"
        }
    }
}
