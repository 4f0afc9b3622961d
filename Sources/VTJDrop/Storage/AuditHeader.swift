import Foundation
import GRDB

/// What every audit row begins with, a query's or a disclosure's, recorded or read back: when,
/// which department, for which purpose, in which drop, and the operation (the interface's for a
/// query, the drop's for a disclosure). Stored in the columns `at`, `department`, `purpose`,
/// `request_id` and `operation` of `audit_query` and `audit_disclosure` alike.
package struct AuditHeader: Sendable, Hashable {
    package var at: Date
    package var department: String
    package var purpose: String
    /// The drop's id (its request id outward).
    package var dropID: String
    package var operation: String

    package init(at: Date, department: String, purpose: String, dropID: String, operation: String) {
        self.at = at
        self.department = department
        self.purpose = purpose
        self.dropID = dropID
        self.operation = operation
    }

    /// Read from an audit row's columns.
    init(row: Row) {
        self.init(at: row.date("at"), department: row["department"], purpose: row["purpose"], dropID: row["request_id"],
                  operation: row["operation"])
    }

    /// The column values in the order `at, department, purpose, request_id, operation`.
    var arguments: StatementArguments { [at.stored, department, purpose, dropID, operation] }
}
