import Foundation
import VTJCore

/// One bad drop content and what must become of it (issue 6, "Hostile and broken input").
///
/// The corpus reads as a table: `HostileContentCorpus+Lists.swift` holds henkilötunnus lists,
/// `HostileContentCorpus+Requests.swift` request documents. Every case runs through one appliance
/// in `HostileContentTests`.
struct HostileContentCase: Sendable, CustomStringConvertible {
    /// Short stable id (`L07`, `X01`), also the start of the file name.
    let id: String
    /// What is wrong with the content, in a few words.
    let what: String
    let department: String
    /// As dropped; its stem is unique in the corpus, so outbox files are found by it.
    let fileName: String
    let content: HostileContent
    let expected: HostileExpectation

    var description: String { "\(id) \(what)" }
    var stem: String { String(fileName[..<(fileName.lastIndex(of: ".") ?? fileName.endIndex)]) }

    init(_ id: String, _ what: String, _ department: String = "sivistys", file: String, _ content: HostileContent,
         _ expected: HostileExpectation) {
        self.id = id
        self.what = what
        self.department = department
        self.fileName = file
        self.content = content
        self.expected = expected
    }
}

/// The bytes of a case.
enum HostileContent: Sendable {
    case bytes([UInt8])
    /// Built from the run's secret file (a marker text outside the inbox that must never leak).
    case withSecret(@Sendable (_ secretPath: String) -> [UInt8])
    /// One line of `count` bytes and no line end, written in chunks straight into the inbox.
    case singleLine(count: Int)

    /// Small fixed inputs double as fuzzing seeds.
    var staticBytes: [UInt8]? {
        if case .bytes(let bytes) = self, bytes.count < 64 << 10 { return bytes }
        return nil
    }
}

/// What a department clerk and a municipal operator should see.
enum HostileExpectation: Sendable {
    /// Result (unless `result` is false) and receipt `tulos: valmis`; the input is archived.
    case published(PublishedExpectation)
    /// A receipt alone, `tulos: hylatty` with `syykoodi: code`; its reason names the file, the
    /// line (when given) and contains `cause`; the input is in quarantine.
    case refused(code: String, line: Int? = nil, cause: String)
    /// Never opened: the file is over the size limit. No result; the intake leaves it unopened in
    /// the inbox or moves it whole into quarantine with an error receipt naming the limit.
    case neverRead
}

/// The receipt of a published drop.
struct PublishedExpectation: Sendable {
    var valid: Int
    var invalid = 0
    var duplicates = 0
    /// `rivit` (value lines), when the case is about counting.
    var lines: Int?
    /// Rejected line number → kind (`muoto`, `tarkistusmerkki`…).
    var rejected: [Int: String] = [:]
    /// Substrings that some `huomautus` must contain (encoding, dialect, lower case…).
    var notes: [String] = []
    /// Requested groups that must be listed as refused (`tietoryhma-hylatty[…]`).
    var refusedGroups: [String] = []
    /// Whether a result file comes with the receipt (seuranta-poista has only a receipt).
    var result = true
    /// Text that must not appear in the result file (formula injection…).
    var resultLacks: [String] = []
    /// Text that must appear in the result file (an echoed, escaped `tunniste`…).
    var resultContains: [String] = []
}

extension HostileExpectation {
    static func published(valid: Int, invalid: Int = 0, duplicates: Int = 0, lines: Int? = nil,
                          rejected: [Int: String] = [:], notes: [String] = [], refusedGroups: [String] = [],
                          result: Bool = true, resultLacks: [String] = [], resultContains: [String] = []) -> HostileExpectation {
        .published(PublishedExpectation(valid: valid, invalid: invalid, duplicates: duplicates, lines: lines,
                                        rejected: rejected, notes: notes, refusedGroups: refusedGroups,
                                        result: result, resultLacks: resultLacks, resultContains: resultContains))
    }

    /// The file could not be read as a drop (`tiedosto-ei-luettavissa`).
    static func unreadable(line: Int? = nil, _ cause: String) -> HostileExpectation {
        .refused(code: "tiedosto-ei-luettavissa", line: line, cause: cause)
    }

    /// Readable, but not a valid request (`virheellinen-pyynto`).
    static func invalid(line: Int? = nil, _ cause: String) -> HostileExpectation {
        .refused(code: "virheellinen-pyynto", line: line, cause: cause)
    }
}

/// Every case, lists first.
enum HostileContentCorpus {
    static var all: [HostileContentCase] { lists + requests }
}

/// Test henkilötunnus (individual number 900–999) and byte builders for the corpus.
enum Corpus {
    /// Valid test henkilötunnus.
    static let good = ["010594Y9032", "020594X903P", "030594W903B", "040594V9030", "050594U903M",
                       "010516B903X", "020516C903K", "030516D9037", "010501E9032", "020503F9037"]

    /// A code with the right check character for `date` and `number` (which may still be
    /// invalid in another way: a bad date, individual number 000…).
    static func hetu(_ date: String, _ sign: Character, _ number: Int) -> String {
        let digits = String(format: "%03d", number)
        return date + String(sign) + digits + String(Henkilotunnus.checkCharacter(datePart: date, individualNumber: number))
    }

    /// A valid code with its check character replaced by a wrong one.
    static func wrongCheck(_ valid: String) -> String {
        let last = valid.last ?? "0"
        return String(valid.dropLast()) + (last == "0" ? "1" : "0")
    }

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    /// Windows-1252 bytes of text whose only non-ASCII letters are ä ö å Ä Ö Å.
    static func windows1252(_ text: String) -> [UInt8] {
        let table: [Character: UInt8] = ["ä": 0xE4, "ö": 0xF6, "å": 0xE5, "Ä": 0xC4, "Ö": 0xD6, "Å": 0xC5]
        return text.flatMap { character -> [UInt8] in
            if let byte = table[character] { return [byte] }
            return Array(String(character).utf8)
        }
    }

    /// Deterministic pseudo-random bytes (a linear congruential generator; no seed drift between runs).
    static func garbage(count: Int, seed: UInt64, allowZero: Bool) -> [UInt8] {
        var state = seed
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let byte = UInt8(truncatingIfNeeded: state >> 33)
            if allowZero || byte != 0 { bytes.append(byte) }
        }
        return bytes
    }

    /// `lines` joined with `ending` after each.
    static func list(_ lines: [String], ending: String = "\n") -> String {
        lines.map { $0 + ending }.joined()
    }

    /// A request document (`<pyynto …>`) with one `<hetu>` per line after the root's line.
    static func request(_ attributes: String, groups: [String] = [], hetus: [String] = [],
                        declaration: String = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") -> String {
        var text = declaration + "<pyynto \(attributes)>\n"
        if !groups.isEmpty {
            text += "<tietoryhmat>" + groups.map { "<tietoryhma>\($0)</tietoryhma>" }.joined() + "</tietoryhmat>\n"
        }
        if !hetus.isEmpty { text += "<hetulista>\n" + hetus.map { "<hetu>\($0)</hetu>\n" }.joined() + "</hetulista>\n" }
        return text + "</pyynto>\n"
    }
}
