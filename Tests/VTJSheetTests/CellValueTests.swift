import Testing
import VTJCore
@testable import VTJSheet

/// The small rules under both directions: references, serial dates, Excel's `_xHHHH_` text
/// escape and the cap, and how stored numbers become text.
@Suite struct CellValueTests {
    @Test func columnLettersRoundTripToExcelsLastColumn() {
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(25) == "Z")
        #expect(CellReference.columnName(26) == "AA")
        #expect(CellReference.columnName(16_383) == "XFD")
        for index in [0, 1, 25, 26, 27, 51, 52, 701, 702, 1023, 16_383] {
            #expect(CellReference.parse(CellReference.columnName(index) + "7")! == (index, 7))
        }
        #expect(CellReference.parse("xfd1048576")! == (16_383, 1_048_576))
        #expect(CellReference.parse("B")! == (1, nil))
        for bad in ["", "1A", "A0", "XFE1", "A1048577", "AAAA1", "A-1", "A1B", "A99999999999999999999"] {
            #expect(CellReference.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func serialDatesMatchExcelsCalendar() {
        #expect(ExcelDate.serial(of: CivilDate(year: 2001, month: 2, day: 3)!) == 36_925)
        #expect(ExcelDate.serial(of: CivilDate(year: 1900, month: 3, day: 1)!) == 61)
        #expect(ExcelDate.serial(of: CivilDate(year: 1900, month: 2, day: 28)!) == nil, "before Excel's phantom 29 February 1900")
        #expect(ExcelDate.serial(of: CivilDate(year: 9999, month: 12, day: 31)!) == 2_958_465)
        #expect(ExcelDate.text(ofSerial: 36_925, date1904: false) == "2001-02-03")
        #expect(ExcelDate.text(ofSerial: 61, date1904: false) == "1900-03-01")
        #expect(ExcelDate.text(ofSerial: 59, date1904: false) == "1900-02-28")
        #expect(ExcelDate.text(ofSerial: 1, date1904: false) == "1900-01-01")
        #expect(ExcelDate.text(ofSerial: 60, date1904: false) == nil, "1900-02-29 never was")
        #expect(ExcelDate.text(ofSerial: 35_463, date1904: true) == "2001-02-03", "1904 system: 1462 days later")
        #expect(ExcelDate.text(ofSerial: 36_925.5, date1904: false) == "2001-02-03 12:00:00")
        #expect(ExcelDate.text(ofSerial: -1, date1904: false) == nil)
        #expect(ExcelDate.text(ofSerial: 1e300, date1904: false) == nil)
    }

    @Test(arguments: ["2001-02-03", "1900-03-01", "2020-02-29", "2021-02-29", "2001-13-01", "2001-00-10", "2001-02-3x",
                      "20010203", "2001-02-03 ", "2001/02/03", "０００１-02-03", "-001-02-03", "", "1950", "9999-12-31"])
    func isoDatesAreReadExactlyAsTheCalendarReadsThem(text: String) {
        #expect(ExcelDate.date(iso: text) == CivilDate(iso: text))
    }

    @Test func literalExcelEscapesAreEscapedAndDecodedBack() {
        let values = ["_x0041_", "a_x000D_b", "_x_x0041_", "_X0041_", "_x004_", "_x00411_", "plain", "_", "x_x1234_x_xABCD_"]
        for value in values {
            let (written, truncated) = CellText.forWriting(value)
            #expect(!truncated)
            #expect(CellText.decoded(written) == value, "\(value) → \(written)")
        }
        #expect(CellText.forWriting("_x0041_").text == "_x005F_x0041_")
        #expect(CellText.decoded("_x0041_B_x00e4_") == "ABä")
        #expect(CellText.decoded("_xD83D__xDC4D_") == "👍", "a surrogate pair in two escapes")
        #expect(CellText.decoded("_xD83D_") == "\u{FFFD}", "a lone surrogate")
    }

    @Test func cellsAreCutAtExcelsLimitOnACharacterBoundary() {
        let long = String(repeating: "ä", count: 40_000)
        let (text, truncated) = CellText.forWriting(long)
        #expect(truncated)
        #expect(text.utf16.count == 32_767)
        let emoji = String(repeating: "a", count: 32_766) + "👍"  // the emoji needs two UTF-16 units
        let cut = CellText.forWriting(emoji)
        #expect(cut.truncated && cut.text.utf16.count == 32_766 && !cut.text.contains("👍"))
        #expect(!CellText.forWriting(String(repeating: "a", count: 32_767)).truncated)
    }

    @Test func numberFormatsAreClassified() {
        #expect(CellFormat.of(id: 14, code: nil) == .date)
        #expect(CellFormat.of(id: 0, code: nil) == .general)
        #expect(CellFormat.of(id: 49, code: nil) == .general)
        #expect(CellFormat.classify("00000") == .zeroPadded(digits: 5))
        #expect(CellFormat.classify("d.m.yyyy") == .date)
        #expect(CellFormat.classify("YYYY\\-MM\\-DD") == .date)
        #expect(CellFormat.classify("[$-40B]d\\.m\\.yyyy;@") == .date)
        #expect(CellFormat.classify("[Magenta]0") == .zeroPadded(digits: 1), "a colour, not elapsed minutes")
        #expect(CellFormat.classify("[h]:mm:ss") == .general, "a duration")
        #expect(CellFormat.classify("#,##0.00\\ \"€\"") == .general)
        #expect(CellFormat.classify("0.00E+00") == .general)
        #expect(CellFormat.classify("\"day\"0") == .zeroPadded(digits: 1), "quoted text is not a date part")
        #expect(CellFormat.classify("General") == .general)
        #expect(CellFormat.classify("mmm") == .date)
    }

    @Test func storedNumbersBecomeTheirDigits() {
        let general = CellFormat.general
        #expect(general.text(of: "100000", date1904: false) == "100000")
        #expect(general.text(of: "1E5", date1904: false) == "100000", "never 1e5")
        #expect(general.text(of: "100000.0", date1904: false) == "100000")
        #expect(general.text(of: "12345678901234567890", date1904: false) == "12345678901234567890", "stored digits kept")
        #expect(general.text(of: "1.2345678901234567E+19", date1904: false) == "1.23456789012346E+19")
        #expect(general.text(of: "0.1", date1904: false) == "0.1")
        #expect(general.text(of: "0.30000000000000004", date1904: false) == "0.3", "15 significant digits, as Excel shows")
        #expect(general.text(of: "-42", date1904: false) == "-42")
        #expect(general.text(of: "abc", date1904: false) == "abc")
        #expect(CellFormat.zeroPadded(digits: 5).text(of: "723", date1904: false) == "00723")
        #expect(CellFormat.zeroPadded(digits: 3).text(of: "91", date1904: false) == "091")
        #expect(CellFormat.zeroPadded(digits: 3).text(of: "1234", date1904: false) == "1234")
        #expect(CellFormat.zeroPadded(digits: 6).text(of: "10101", date1904: false) == "010101")
        #expect(CellFormat.date.text(of: "36925", date1904: false) == "2001-02-03")
        #expect(CellFormat.date.text(of: "60", date1904: false) == "60", "no date: the number")
    }
}
