import Testing
import VTJCore

/// Issue 15 goal 3: each code's first line held as runs, not 4 bytes a code; read back exactly.
@Suite struct FirstLinesTests {
    /// Increasing lines: `gaps[i]` lines skipped before the i-th code.
    static func lines(_ gaps: [Int]) -> [UInt32] {
        var line = 0
        return gaps.map { gap in
            line += gap + 1
            return UInt32(line)
        }
    }

    @Test func linesReadBackAsAppendedHoweverTheyAreHeld() {
        var random = SystemRandomNumberGenerator()
        let cases: [[UInt32]] = [
            [],
            [1],
            Self.lines(Array(repeating: 0, count: 5_000)),                      // a list of distinct codes
            Self.lines([1] + Array(repeating: 0, count: 3_000)),                // a header line first
            Self.lines((0..<5_000).map { $0 % 97 == 0 ? Int.random(in: 1...40, using: &random) : 0 }),  // blanks, repeats now and then
            Self.lines((0..<5_000).map { _ in Int.random(in: 0...3, using: &random) }),                 // a change at most places: line by line
        ]
        for expected in cases {
            var held = FirstLines()
            for line in expected { held.append(Int(line)) }
            #expect(held.count == expected.count)
            #expect(Array(held) == expected)
            #expect((0..<expected.count).allSatisfy { held[$0] == expected[$0] })
            #expect(held == FirstLines(expected) && held.hashValue == FirstLines(expected).hashValue)
        }
    }
}
