import Foundation
import GRDB
import VTJCore

/// A date bound to SQLite as the very text GRDB's own `Date` binding writes (`2026-12-07 17:49:47.123`,
/// UTC), without the `DateFormatter` GRDB formats it with: on Linux that formatter pages in ICU, megabytes
/// resident for the daemon's life, for a text a few divisions make. Reading stays GRDB's (`Date` columns
/// decode the same text), so databases written before and after read back alike, and SQL comparisons
/// on the text order the same.
struct StoredDate: DatabaseValueConvertible, Hashable {
    /// The date stored.
    let date: Date

    /// The date to bind.
    init(_ date: Date) { self.date = date }

    /// `yyyy-MM-dd HH:mm:ss.SSS` in UTC, to the millisecond as Foundation's formatter rounds it: Core
    /// Foundation hands ICU `(t + 978307200) * 1000 + 0.5` milliseconds and ICU drops the fraction.
    var text: String {
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200.0) * 1000.0 + 0.5).rounded(.down)
        let total = Int64(milliseconds)
        let (days, inDay) = Self.floorDivide(total, 86_400_000)
        let day = CivilDate(daysSinceEpoch: Int(days))
        let millis = Int(inDay)
        // CivilDate's own `YYYY-MM-DD`, the year zero-padded to four digits as the formatter pads it.
        var text = day.description + " " + Self.digits(millis / 3_600_000, 2) + ":" + Self.digits(millis / 60_000 % 60, 2)
        text += ":" + Self.digits(millis / 1000 % 60, 2) + "." + Self.digits(millis % 1000, 3)
        return text
    }

    var databaseValue: DatabaseValue { text.databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    /// `value` in decimal, zero-padded to `width` digits (a wider value keeps all its digits).
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Date {
    /// This date as GRDB's binding would store it, without ICU (see `StoredDate`).
    var stored: StoredDate { StoredDate(self) }
}
