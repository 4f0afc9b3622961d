import Testing
@testable import VTJCore

@Suite struct CSVEncoderTests {
    static let standard = CSVEncoder(dialect: .standard)

    @Test(arguments: [
        ("Aino", "Aino"),
        ("", ""),
        ("Aino;Maria", "\"Aino;Maria\""),
        ("Say \"hi\"", "\"Say \"\"hi\"\"\""),
        ("Rivi\nvaihto", "\"Rivi\nvaihto\""),
        ("Rivi\r\nvaihto", "\"Rivi\r\nvaihto\""),
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+358401234567", "'+358401234567"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("\rCR", "\"'\rCR\""),
        ("=a;b", "\"'=a;b\""),
        ("020275-9862", "020275-9862"),
        ("Anna-Liisa", "Anna-Liisa"),
        ("O'Brien", "O'Brien"),
        ("a,b", "a,b"),
    ])
    func cell(_ input: String, _ expected: String) {
        #expect(Self.standard.cell(input) == expected)
    }

    @Test func neutralisingCanBeTurnedOff() {
        let plain = CSVEncoder(dialect: CSVDialect(neutraliseFormulas: false))
        #expect(plain.cell("=SUM(A1)") == "=SUM(A1)")
        #expect(plain.cell("-1;2") == "\"-1;2\"")
    }

    @Test func otherDelimitersQuoteTheirOwnCharacter() {
        let comma = CSVEncoder(dialect: CSVDialect(delimiter: ",", lineEnding: .lf, byteOrderMark: false))
        #expect(comma.line(["a,b", "c;d"]) == "\"a,b\",c;d\n")
        #expect(comma.preamble.isEmpty)
        let tab = CSVEncoder(dialect: CSVDialect(delimiter: "\t"))
        #expect(tab.line(["x\ty", "z"]) == "\"x\ty\"\tz\r\n")
        #expect(Self.standard.preamble == [0xEF, 0xBB, 0xBF])
    }
}
