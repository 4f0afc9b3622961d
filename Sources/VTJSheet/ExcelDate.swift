import VTJCore

/// Dates as spreadsheet serial numbers (the 1900 date system, and the 1904 one some Mac
/// workbooks use).
enum ExcelDate {
    /// 1899-12-30: serial 0 for every date from 1900-03-01 on, where Excel's 1900 calendar
    /// (which counts a 29 February 1900 that never was) agrees with the real one.
    private static let epoch1900 = CivilDate(year: 1899, month: 12, day: 30)!.daysSinceEpoch
    private static let epoch1904 = CivilDate(year: 1904, month: 1, day: 1)!.daysSinceEpoch
    /// The first date written as a date cell; earlier dates would need Excel's phantom leap day.
    static let firstWritable = CivilDate(year: 1900, month: 3, day: 1)!

    /// The date of an exact `YYYY-MM-DD`, read byte by byte (every cell of a date column
    /// passes here, so it must cost next to nothing).
    static func date(iso text: String) -> CivilDate? {
        guard text.utf8.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for (position, byte) in text.utf8.enumerated() {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let digit = Int(byte &- UInt8(ascii: "0"))
            guard digit < 10 else { return nil }
            switch position {
            case ..<4: year = year * 10 + digit
            case ..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The serial of a date (1900 system), or nil before ``firstWritable``.
    static func serial(of date: CivilDate) -> Int? {
        guard date >= firstWritable else { return nil }
        return date.daysSinceEpoch - epoch1900
    }

    /// `YYYY-MM-DD`, with ` HH:MM:SS` when the serial has a time of day; nil for serials no
    /// calendar date answers (negative, 60 in the 1900 system, beyond year 9999).
    static func text(ofSerial serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let date: CivilDate
        if date1904 {
            date = CivilDate(daysSinceEpoch: epoch1904 + days)
        } else if days >= 61 {
            date = CivilDate(daysSinceEpoch: epoch1900 + days)
        } else if days >= 1 && days <= 59 {
            date = CivilDate(daysSinceEpoch: epoch1900 + days + 1)  // before the phantom day
        } else {
            return nil  // 0 (1900-01-00) and 60 (1900-02-29) are not dates
        }
        guard seconds > 0 else { return date.description }
        return date.description + " " + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
