import VTJCore
import VTJSheet
import VTJTestSupport

/// Values a spreadsheet would reinterpret if it could, and the columns they are written in.
enum ValueCorpus {
    /// A test henkilötunnus (individual number 900–999) born on `day.month.(century+yy)` with `sign`.
    static func hetu(_ day: Int, _ month: Int, _ yy: Int, sign: Character, number: Int = 950) -> String {
        TestHetu.born(CivilDate(year: 2000 + yy, month: month, day: day)!, number: number, sign: sign)
    }

    /// Every century sign: + (1800s); - Y X W V U (1900s); A B C D E F (2000s).
    static let hetus: [String] = [
        hetu(1, 1, 99, sign: "+"), hetu(31, 12, 50, sign: "-"), hetu(28, 2, 1, sign: "Y"), hetu(1, 3, 2, sign: "X"),
        hetu(15, 6, 3, sign: "W"), hetu(10, 10, 4, sign: "V"), hetu(9, 9, 5, sign: "U"), hetu(29, 2, 0, sign: "A"),
        hetu(1, 1, 10, sign: "B"), hetu(2, 2, 11, sign: "C"), hetu(3, 3, 12, sign: "D"), hetu(4, 4, 13, sign: "E"),
        hetu(5, 5, 14, sign: "F"),
    ]

    /// Text that must stay exactly this text.
    static let texts: [String] = [
        "00723", "091", "052", "0", "000", "12345678901234567890", "0000000000000000001", "1e5", "1E5", "1.5e-3", "2e308",
        "=SUM(A1:A2)", "+358401234567", "-5", "@cmd", "=HYPERLINK(\"http://x\")", "'lainattu", "=1+1",
        "2001-02-03", "1.2.2001", "3/4", "12:30", "1-2", "TRUE", "FALSE", "tosi", "50%", "1 000,50 €", "1,5",
        "Åsa-Märta Öhman", "Jönssi Äijälä", "ß Ж 漢字 👍", "O'Brien \"lainaus\" <&>", "  välilyönnit  ", "\tsarkain",
        "rivi\nvaihto", "_x0041_", "a_x000D_b", "#N/A", "#DIV/0!", "  ", "0x1F",
    ]

    /// Values of a date column: dates become date cells, anything else stays text.
    static let dates: [(value: String, isDate: Bool)] = [
        ("2001-02-03", true), ("1950-01-01", true), ("1900-03-01", true), ("2099-12-31", true), ("2020-02-29", true),
        ("1899-12-31", false), ("1900-02-28", false), ("2020-02-30", false), ("1950", false), ("1950-00-00", false),
        ("3.2.2001", false), ("", false),
    ]

    static let columns: [SheetColumn] = [
        SheetColumn("hetu"), SheetColumn("teksti"), SheetColumn("syntymapv", kind: .date), SheetColumn("tyhja"),
        SheetColumn("nimi_ääkkösin"),
    ]

    /// Rows over ``columns``: every hetu, text and date value once, empty cells between.
    static var rows: [[String]] {
        let count = max(hetus.count, texts.count, dates.count)
        return (0..<count).map { index in
            [index < hetus.count ? hetus[index] : "", index < texts.count ? texts[index] : "",
             index < dates.count ? dates[index].value : "", "", index.isMultiple(of: 3) ? "Väinö \(index)" : ""]
        }
    }
}
