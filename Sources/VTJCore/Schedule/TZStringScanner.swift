/// Reads the pieces of a POSIX TZ string (names, offsets, change rules) left to right.
struct TZStringScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    func peek(_ character: Character) -> Bool { !atEnd && bytes[index] == character.asciiValue }

    mutating func take(_ character: Character) -> Bool {
        guard peek(character) else { return false }
        index += 1
        return true
    }

    /// A zone abbreviation: three or more letters, or anything between `<` and `>` (`<+03>`).
    mutating func skipName() -> Bool {
        if take("<") {
            while !atEnd, bytes[index] != UInt8(ascii: ">") { index += 1 }
            return take(">")
        }
        let start = index
        while !atEnd, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") { index += 1 }
        return index - start >= 3
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, signed as written (POSIX counts west of Greenwich as positive).
    mutating func offset() -> Int? { signedTime(maxHours: 24) }

    /// A change rule: `Mm.w.d`, `Jn` or `n`, then an optional `/time` (02:00 when absent).
    mutating func change() -> POSIXZoneRule.Change? {
        let day: POSIXZoneRule.DayRule
        if take("M") {
            guard let month = number(), (1...12).contains(month), take("."),
                  let week = number(), (1...5).contains(week), take("."),
                  let weekday = number(), (0...6).contains(weekday) else { return nil }
            day = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else if take("J") {
            guard let n = number(), (1...365).contains(n) else { return nil }
            day = .julian(n)
        } else {
            guard let n = number(), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var seconds = 7200
        if take("/") {
            // RFC 8536 extends the time to -167...167 hours.
            guard let time = signedTime(maxHours: 167) else { return nil }
            seconds = time
        }
        return POSIXZoneRule.Change(day: day, seconds: seconds)
    }

    private mutating func signedTime(maxHours: Int) -> Int? {
        let sign = take("-") ? -1 : 1
        if sign == 1 { _ = take("+") }
        guard let hours = number(), hours <= maxHours else { return nil }
        var seconds = hours * 3600
        if take(":") {
            guard let minutes = number(), minutes < 60 else { return nil }
            seconds += minutes * 60
            if take(":") {
                guard let secs = number(), secs < 60 else { return nil }
                seconds += secs
            }
        }
        return sign * seconds
    }

    private mutating func number() -> Int? {
        let start = index
        var value = 0
        while !atEnd, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), index - start < 4 {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return index > start ? value : nil
    }
}
