/// Reads a receipt written by ``ReceiptRenderer`` back into ordered entries (docs/receipts.md grammar).
public enum ReceiptParser {
    /// One `avain: arvo` line.
    public struct Entry: Hashable, Sendable {
        /// The key without its `[...]` qualifier.
        public var key: String
        /// The text inside `[...]`, if any (`pidatetty[turvakielto]` → `turvakielto`).
        public var qualifier: String?
        public var value: String
        public var line: Int
    }

    /// A line that breaks the grammar.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "receipt line \(line): \(reason)" }
    }

    /// Every entry in order; `#` comments and blank lines skipped; CRLF or LF.
    public static func parse(_ text: String) throws(ParseError) -> [Entry] {
        var entries: [Entry] = []
        var number = 0
        // "\r\n" is one Character in Swift, so split on both forms.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstRange(of: ": ") else {
                throw ParseError(line: number, reason: "expected 'avain: arvo'")
            }
            let fullKey = line[..<colon.lowerBound]
            let value = String(line[colon.upperBound...])
            var key = String(fullKey)
            var qualifier: String?
            if let open = fullKey.firstIndex(of: "["), fullKey.hasSuffix("]") {
                key = String(fullKey[..<open])
                qualifier = String(fullKey[fullKey.index(after: open)..<fullKey.index(before: fullKey.endIndex)])
            }
            let keyOK = !key.isEmpty && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            let qualifierOK = qualifier.map { !$0.isEmpty && $0.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            } } ?? true
            guard keyOK, qualifierOK else { throw ParseError(line: number, reason: "bad key '\(fullKey)'") }
            entries.append(Entry(key: key, qualifier: qualifier, value: value, line: number))
        }
        return entries
    }
}
