import Foundation
import GRDB
import VTJCore

/// A date bound to SQLite as the very text GRDB's own `Date` binding writes (`2026-12-07 17:49:47.123`,
/// UTC), without the `DateFormatter` GRDB formats it with: on Linux that formatter pages in ICU, megabytes
/// resident for the daemon's life, for a text a few divisions make. Read back as a `StoredDate` (the
/// journal's reads on a drop's way), that text is parsed without ICU into the very `Date` GRDB's decoding
/// makes; databases written before and after read back alike, and SQL comparisons on the text order the same.
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

    /// The text ``text`` writes read without ICU; any other value (a number, another SQLite date
    /// shape: never written by this appliance) as GRDB's `Date` reads it.
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        // GRDB's `Date` decoding builds a Gregorian `Calendar`, which looks up the system's time zone
        // through ICU: about 3 MB of ICU's zone data paged in for the daemon's life from its first
        // read of a stored date (the repeat check, from a department's second drop on).
        if case .string(let text) = dbValue.storage, let date = parse(text) { return StoredDate(date) }
        return Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` (exactly that shape, a real day and time) as GRDB's `Date` decoding
    /// makes it: Foundation's Gregorian calendar adds the day's seconds and the fraction first, then the
    /// days since 2001 (the same `Double`, bit for bit); nil for any other text.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20, bytes[13] == 0x3A,
                  bytes[16] == 0x3A, bytes[19] == 0x2E else { return nil }
            func number(_ start: Int, _ width: Int) -> Int? {
                var value = 0
                for index in start..<start + width {
                    let digit = Int(bytes[index]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  let millisecond = number(20, 3), hour < 24, minute < 60, second < 60,
                  let civil = CivilDate(year: year, month: month, day: day) else { return nil }
            let inDay = Double(hour * 3600 + minute * 60 + second) + Double(millisecond * 1_000_000) / 1_000_000_000.0
            return Date(timeIntervalSinceReferenceDate: Double((civil.daysSinceEpoch - Self.referenceDay) * 86_400) + inDay)
        }
    }

    /// 2001-01-01, Foundation's reference date, in days since 1970-01-01.
    private static let referenceDay = 11_323

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
