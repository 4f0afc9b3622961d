import Foundation
import GRDB

/// Every date the appliance reads back from its state database, read as ``StoredDate``: GRDB's own
/// `Date` decoding builds a Gregorian `Calendar` whose time-zone lookup pages in ICU for the process's
/// life (about 3.7 MB; performance.md, "Memory, ninth round"), and any one read of it — retention, the
/// status page, a scheduled run's last time — would bring that back.
extension Row {
    /// The date in `column` (not NULL).
    func date(_ column: String) -> Date { (self[column] as StoredDate).date }

    /// The date in `column`, nil for NULL.
    func optionalDate(_ column: String) -> Date? { (self[column] as StoredDate?)?.date }
}
