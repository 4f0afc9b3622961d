/// Renders a receipt as `avain: arvo` lines (docs/receipts.md): readable in Notepad, parsable by
/// ``ReceiptParser``. Henkilötunnus values are masked so the receipt is safe to forward.
public struct ReceiptRenderer: Hashable, Sendable {
    /// List not-found hetus in full (off by default: the result file already lists them in full).
    public var unmaskNotFound: Bool

    public init(unmaskNotFound: Bool = false) { self.unmaskNotFound = unmaskNotFound }

    /// Format version written as `kuitti-versio`.
    public static let version = "1"
    /// The word that marks answers from the built-in sandbox (receipt's first line, result file names).
    public static let testDataMark = "TESTIAINEISTO"
    /// Why, in Finnish and English.
    public static let testDataExplanation =
        "vastaukset ovat sisäänrakennetun testiympäristön keksittyjä henkilöitä, eivät väestötietojärjestelmästä / "
        + "answered by the built-in sandbox's invented persons, not the population register"

    /// The receipt's text, CRLF line endings, UTF-8 without BOM.
    public func text(_ receipt: Receipt) -> String {
        var lines: [String] = []
        // Every quoted text is masked: a file name, a tunniste, an unknown value or an interface's
        // error text may hold a henkilötunnus, and the receipt is the file that gets forwarded.
        func comment(_ text: String) { lines.append("# " + Self.clean(Henkilotunnus.maskingShapes(in: text))) }
        func entry(_ key: String, _ value: String?, raw: Bool = false) {
            guard let value else { return }
            lines.append("\(key): \(Self.clean(raw ? value : Henkilotunnus.maskingShapes(in: value)))")
        }
        let c = receipt.counts
        // Test data must never pass for register data: it is said first, before anything else.
        comment(receipt.isTestData ? "\(Self.testDataMark) – vtjdrop – kuitti / receipt – \(Self.testDataExplanation)"
                                   : "vtjdrop – kuitti / receipt")
        if let refusal = receipt.refusal {
            comment("Pyyntöä ei käsitelty: \(Self.quoted(refusal.finnish))")
            comment("The request was refused: \(Self.quoted(refusal.description))")
        } else {
            comment("Käsitelty: \(c.valid) kelvollista henkilötunnusta, \(c.found) löytyi, \(c.notFound) ei löytynyt, \(c.protected) turvakiellon alaisena; \(c.invalid) riviä hylätty.")
            comment("Processed: \(c.valid) valid hetus, \(c.found) found, \(c.notFound) not found, \(c.protected) under turvakielto; \(c.invalid) lines rejected.")
        }
        entry("kuitti-versio", Self.version)
        entry("tulos", receipt.outcome.rawValue)
        entry("pyynto", receipt.requestID)
        entry("yksikko", receipt.department)
        entry("tiedosto", receipt.file)
        entry("toiminto", receipt.operation)
        entry("kayttotarkoitus", receipt.purpose)
        entry("tulosmuoto", receipt.format)
        entry("tunniste", receipt.reference)
        entry("kasittelypaiva", receipt.processingDate.description)
        entry("kasitelty", receipt.processedAt?.description)
        if receipt.isTestData { entry("aineisto", "testiaineisto") }
        if let refusal = receipt.refusal {
            entry("syykoodi", refusal.code)
            entry("syy", Self.quoted(refusal.finnish))
            entry("reason", Self.quoted(refusal.description))
        }
        if !receipt.groups.isEmpty { entry("tietoryhmat", receipt.groups.map(\.rawValue).joined(separator: " ")) }
        for refused in receipt.refusedGroups {
            entry("tietoryhma-hylatty[\(Self.keySafe(Henkilotunnus.maskingShapes(in: refused.requested)))]", refused.reason.rawValue)
        }
        entry("rivit", String(c.lines))
        entry("kelvolliset", String(c.valid))
        entry("virheelliset", String(c.invalid))
        entry("kaksoiskappaleet", String(c.duplicates))
        entry("loytyi", String(c.found))
        entry("ei-loytynyt", String(c.notFound))
        entry("turvakielto", String(c.protected))
        // Fail-closed judgements are rare and alarming: said only when they happened.
        if c.contradicted > 0 { entry("ristiriitaiset", String(c.contradicted)) }
        if c.turvakieltoMissing > 0 { entry("turvakielto-puuttui", String(c.turvakieltoMissing)) }
        // A change delivery always says how many changes it carried: "0" tells the clerk there were
        // none today, where a missing line would leave them guessing.
        let changeDelivery = receipt.operation.flatMap(DropRequest.Operation.init(rawValue:))?.isChangeDelivery ?? false
        if c.changes > 0 || (receipt.outcome == .done && changeDelivery) {
            entry("muutokset", String(c.changes))
        }
        for rule in WithholdingRule.allCases where receipt.withheld[rule] > 0 {
            entry("pidatetty[\(rule.rawValue)]", String(receipt.withheld[rule]))
        }
        entry("pidatetty-yhteensa", String(receipt.withheld.totalRecords))
        entry("kenttia-poistettu", String(receipt.withheld.droppedFields))
        for group in receipt.overflow.keys.sorted() where receipt.overflow[group, default: 0] > 0 {
            entry("ylivuoto[\(group.rawValue)]", String(receipt.overflow[group, default: 0]))
        }
        for rejected in receipt.rejectedLines {
            let masked = Henkilotunnus.mask(rejected.value).replacing("|", with: "?")
            entry("hylatty-rivi[\(rejected.line)]", "\(masked) | \(rejected.kind) | \(rejected.reason)")
        }
        for hetu in receipt.notFound {
            entry("ei-loytynyt-hetu", unmaskNotFound ? hetu : Henkilotunnus.mask(hetu), raw: unmaskNotFound)
        }
        for note in receipt.notes { entry("huomautus", Self.quoted(note)) }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// UTF-8 bytes of ``text(_:)``.
    public func bytes(_ receipt: Receipt) -> [UInt8] { Array(text(receipt).utf8) }

    /// One line: control characters (CR, LF, tab…) become spaces, so no value can start a new entry.
    public static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
        }))
    }

    /// Longest reason or note a receipt quotes (an interface's error text can be long).
    static let quoteLimit = 1000

    /// A reason or note as the receipt may quote it: no path of the appliance's own folders (an
    /// error text about a file names where the appliance keeps it), at most ``quoteLimit`` characters.
    static func quoted(_ text: String) -> String {
        var words: [Substring] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            // A path is a word that starts with "/" (after an opening quote or bracket) and has more
            // than one part; its trailing punctuation stays. URLs ("http://…") do not start so.
            let lead = word.prefix { "\"'(<[".contains($0) }
            let rest = word.dropFirst(lead.count)
            let body = rest.prefix { !":;,)>]\"'".contains($0) }
            if body.hasPrefix("/"), body.dropFirst().contains("/") {
                words.append(lead + "[path]" + rest.dropFirst(body.count))
            } else {
                words.append(word)
            }
        }
        let joined = words.joined(separator: " ")
        return joined.count > quoteLimit ? String(joined.prefix(quoteLimit)) + "…" : joined
    }

    /// A value usable inside `[...]` of a key: letters, digits, `_` and `-`; others become `_`.
    static func keySafe(_ text: String) -> String {
        let mapped = text.unicodeScalars.prefix(64).map { scalar -> Character in
            let ok = ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-"
            return ok ? Character(scalar) : "_"
        }
        return mapped.isEmpty ? "_" : String(mapped)
    }
}
