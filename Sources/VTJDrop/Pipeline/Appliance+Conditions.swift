import Foundation
import Logging

extension Appliance {
    /// Stores (or with nil clears) a condition on record for `vtjdrop status`. A failed write is
    /// logged, never ignored: the daemon still knows the condition (its log, `/healthz` and the
    /// page say it), only `status` read from the database may show the earlier one until the
    /// next change is stored.
    func storeCondition(_ kind: ApplianceCondition.Kind, _ condition: ApplianceCondition?) {
        do throws(StorageError) {
            if let condition {
                try database.setCondition(kind, code: condition.code, since: condition.since, detail: condition.detail)
            } else {
                try database.clearCondition(kind)
            }
        } catch {
            logger.warning("cannot store the condition for `vtjdrop status`; it may show the earlier one until the next change",
                           metadata: ["condition": "\(kind.rawValue)", "code": "\(condition?.code ?? "cleared")", "error": "\(error)"])
        }
    }

    /// Forgets the conditions an earlier run stored (a new run finds out for itself); a failed
    /// write is logged, and `status` may show the old ones until this run stores its own.
    func forgetStoredConditions() {
        do throws(StorageError) {
            try database.clearConditions()
        } catch {
            logger.warning("cannot clear the conditions an earlier run stored; `vtjdrop status` may show them until they change",
                           metadata: ["error": "\(error)"])
        }
    }
}
