/// A spreadsheet's column letters (0 → `A`, 26 → `AA`), for messages about workbook drops.
public enum CellColumnName {
    public static func letters(_ index: Int) -> String {
        var number = index + 1
        var name = ""
        while number > 0 {
            let digit = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            number = (number - 1) / 26
        }
        return name
    }
}
