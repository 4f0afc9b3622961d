/// A drop's id: UTC time of the claim then randomness, `20261126T154300Z-k3m9x2q7ab`. People see
/// it as the *request id* (`pyynto:` on receipts, `request=` in log lines, `audit --request`,
/// `retry <request-id>`, the journal's `request_id`): those outward words and stored names stay.
///
/// Sorting ids as strings sorts drops by claim second; the random part keeps ids of the
/// same second apart. Only `[0-9A-Za-z-]`, so it is safe in file names and log lines.
public struct DropID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The id as text, e.g. `20261126T154300Z-k3m9x2q7ab`.
    public let value: String

    private static let alphabet: [Character] = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// Builds an id from seconds since the Unix epoch (UTC) and 50 bits of `random`.
    public init(secondsSinceEpoch: Int64, random: UInt64) {
        let days = Int(secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400)
        let secondOfDay = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        var text = String(date.year) + two(date.month) + two(date.day) + "T"
        text += two(secondOfDay / 3600) + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "Z-"
        var bits = random
        for _ in 0..<10 {
            text.append(DropID.alphabet[Int(bits & 31)])
            bits >>= 5
        }
        self.value = text
    }

    /// Accepts an id read back from a folder or the journal; nil when it is not one of ours.
    public init?(_ text: some StringProtocol) {
        let chars = Array(text)
        guard chars.count == 27, chars[8] == "T", chars[15] == "Z", chars[16] == "-",
              chars[0..<8].allSatisfy(\.isASCIIDigit), chars[9..<15].allSatisfy(\.isASCIIDigit),
              chars[17...].allSatisfy({ DropID.alphabet.contains($0) })
        else { return nil }
        self.value = String(chars)
    }

    /// The claim date (UTC), e.g. for the archive's dated folders.
    public var datePart: String {
        let chars = Array(value)
        return String(chars[0..<4]) + "-" + String(chars[4..<6]) + "-" + String(chars[6..<8])
    }

    public var description: String { value }

    public static func < (lhs: DropID, rhs: DropID) -> Bool { lhs.value < rhs.value }
}
