import VTJCore

/// Test henkilötunnus (individual numbers 900–999, never a real person's) built from their parts.
public enum TestHetu {
    /// The test henkilötunnus born on `date` with individual number `number` (900–999); the century
    /// sign is `sign`, or `+`, `-` or `A` by the year's century.
    public static func born(_ date: CivilDate, number: Int = 903, sign: Character? = nil) -> String {
        precondition((900...999).contains(number), "test henkilötunnus use individual numbers 900-999")
        let datePart = two(date.day) + two(date.month) + two(date.year % 100)
        let century: Character = sign ?? (date.year < 1900 ? "+" : date.year < 2000 ? "-" : "A")
        let check = Henkilotunnus.checkCharacter(datePart: datePart, individualNumber: number)
        return datePart + String(century) + String(number) + String(check)
    }

    /// `count` distinct test henkilötunnus starting at `offset`: a hundred individual numbers a day,
    /// days counted from 1920-09-28 (day -18,000 of the epoch).
    public static func distinct(_ count: Int, offset: Int = 0) -> [Henkilotunnus] {
        (offset..<(offset + count)).map { index in
            // Built from valid parts, so this cannot fail; a failure would be a test bug worth a crash.
            try! Henkilotunnus(born(CivilDate(daysSinceEpoch: -18_000 + index / 100), number: 900 + index % 100))
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
