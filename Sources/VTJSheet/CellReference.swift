/// Cell positions as spreadsheets name them: column letters (`A` … `XFD`) and `B12` references.
enum CellReference {
    /// Excel's last column is XFD.
    static let excelColumns = 16_384
    /// Excel's last row.
    static let excelRows = 1_048_576

    /// The letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
    static func columnName(_ index: Int) -> String {
        var letters: [UInt8] = []
        var rest = index + 1
        while rest > 0 {
            let remainder = (rest - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The 0-based column and 1-based row of a reference such as `B12` (the row may be absent, as
    /// in `B`); nil when it is not a reference or names a position beyond Excel's sheet (which
    /// also keeps hostile values from overflowing).
    static func parse(_ reference: String) -> (column: Int, row: Int?)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, column <= excelColumns else { return nil }
        if digits == 0 { return (column - 1, nil) }
        guard row >= 1, row <= excelRows else { return nil }
        return (column - 1, row)
    }
}
