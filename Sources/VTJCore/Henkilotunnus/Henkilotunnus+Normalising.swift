extension Henkilotunnus {
    /// Blanks, quotes and a BOM that departments' tools leave around values.
    static let strippable: Set<Character> = [" ", "\t", "\r", "\n", "\u{FEFF}", "\u{00A0}", "\"", "'"]

    /// What was accepted but reported when reading a value a department produced.
    public enum Warning: String, Sendable, Hashable, CustomStringConvertible {
        case lowercase = "lower-case letters were read as upper-case"

        public var description: String { rawValue }
    }

    /// The outcome of reading one value as departments produce them.
    public struct Reading: Sendable, Hashable {
        /// The input after trimming blanks, quotes and a BOM (what the receipt quotes).
        public let cleaned: String
        public let result: Result<Henkilotunnus, HenkilotunnusError>
        public let warnings: [Warning]
    }

    /// Reads a value leniently: surrounding blanks, quotes and a BOM are removed and lower-case
    /// letters are accepted with a warning. Nothing else is silently fixed.
    public static func read(_ raw: some StringProtocol) -> Reading {
        var text = Substring(raw)
        // Fast path: most values are already exactly eleven clean ASCII characters.
        if text.utf8.count == 11, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x61 && $0 != 0x22 && $0 != 0x27 }) {
            let cleaned = String(text)
            do {
                return Reading(cleaned: cleaned, result: .success(try Henkilotunnus(cleaned)), warnings: [])
            } catch {
                return Reading(cleaned: cleaned, result: .failure(error), warnings: [])
            }
        }
        let strippable = Henkilotunnus.strippable
        while let first = text.first, strippable.contains(first) { text = text.dropFirst() }
        while let last = text.last, strippable.contains(last) { text = text.dropLast() }
        let cleaned = String(text)
        var warnings: [Warning] = []
        var candidate = cleaned
        if cleaned.contains(where: { $0.isASCII && $0.isLowercase }) {
            candidate = String(cleaned.map { $0.isASCII ? Character($0.uppercased()) : $0 })
            warnings.append(.lowercase)
        }
        do {
            return Reading(cleaned: cleaned, result: .success(try Henkilotunnus(candidate)), warnings: warnings)
        } catch {
            return Reading(cleaned: cleaned, result: .failure(error), warnings: warnings)
        }
    }
}
