import Testing
@testable import VTJCore

/// A line's blanks trimmed with the printable-ASCII shortcut give what trimming character by
/// character gives, whatever sits at either end.
@Suite struct HetuListTrimTests {
    static let blanks: Set<Character> = [" ", "\t", "\u{00A0}", "\u{FEFF}", "\u{0B}", "\u{0C}", "\u{1A}"]

    /// The trim before the shortcut.
    static func reference(_ text: String) -> Substring {
        var slice = Substring(text)
        while let first = slice.first, blanks.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, blanks.contains(last) { slice = slice.dropLast() }
        return slice
    }

    @Test func theShortcutTrimsAsCharacterByCharacter() {
        let pieces = [" ", "\t", "\u{00A0}", "\u{FEFF}", "\u{0B}", "\u{0C}", "\u{1A}", "\r", "\u{7F}", "!", "~", "0",
                      "010594Y9032", "ä", "a\u{308}", "\u{308}", "\u{00A0}\u{308}", "x\u{FEFF}", "\u{FEFF}x", ";", "\""]
        var random = SeededGenerator(seed: 715)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...4, using: &random)
            let text = (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(HetuListReader.trimmed(text) == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
    }
}
