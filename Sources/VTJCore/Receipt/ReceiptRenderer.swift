/// Renders a receipt as `avain: arvo` lines (docs/receipts.md): readable in Notepad, parsable by
/// ``ReceiptParser``. Henkilötunnus values are masked so the receipt is safe to forward.
///
/// Everything a person reads — the comment lines at the top, `syy`, `huomautus` and the reasons of
/// `hylatty-rivi` — is written in ``language`` from the ``MessageCatalogue``; keys and codes stay
/// the same in every language so that systems can parse any receipt.
public struct ReceiptRenderer: Hashable, Sendable {
    /// List not-found hetus in full (off by default: the result file already lists them in full).
    public var unmaskNotFound: Bool
    /// The department's language (`departments.<id>.language`).
    public var language: Language
    /// How many rejected lines and not-found hetus the receipt itself lists; the rest are in the
    /// list file beside it (``listsText(_:receiptName:)``).
    public var listLimit: Int

    public init(unmaskNotFound: Bool = false, language: Language = .finnish, listLimit: Int = 50) {
        self.unmaskNotFound = unmaskNotFound
        self.language = language
        self.listLimit = max(0, listLimit)
    }

    /// Format version written as `kuitti-versio` (2: texts in the department's language, lists capped).
    public static let version = "2"
    /// The word that marks answers from the built-in sandbox (receipt's first line, result file names).
    public static let testDataMark = "TESTIAINEISTO"

    /// The list file's name for a receipt named `<stem>.<request-id>.kuitti.txt`: `<stem>.<request-id>.luettelot.txt`.
    public static func listFileName(forReceipt receiptName: String) -> String {
        let suffix = ".kuitti.txt"
        let stem = receiptName.hasSuffix(suffix) ? String(receiptName.dropLast(suffix.count)) : receiptName
        return stem + ".luettelot.txt"
    }

    /// Whether the receipt's lists are longer than it shows, so a list file must go beside it.
    public func needsListFile(_ receipt: Receipt) -> Bool {
        receipt.rejectedLines.count > listLimit || receipt.notFound.count > listLimit || receipt.undelivered.count > listLimit
    }

    /// The receipt's text, CRLF line endings, UTF-8 without BOM. `listFile` names the file that
    /// holds the full lists when they are longer than ``listLimit``.
    public func text(_ receipt: Receipt, listFile: String? = nil) -> String {
        var lines: [String] = []
        // Every quoted text is masked: a file name, a tunniste, an unknown value or an interface's
        // error text may hold a henkilötunnus, and the receipt is the file that gets forwarded.
        // Human lines quote the same texts as `syy` and `huomautus` do, so they get the same care.
        func comment(_ messages: [Message]) {
            let text = messages.map { $0.text(language) }.joined(separator: " ")
            lines.append("# " + Self.clean(Henkilotunnus.maskingShapes(in: Self.quoted(text))))
        }
        func entry(_ key: String, _ value: String?, raw: Bool = false) {
            guard let value else { return }
            lines.append("\(key): \(Self.clean(raw ? value : Henkilotunnus.maskingShapes(in: value)))")
        }
        let c = receipt.counts
        // Test data must never pass for register data: it is said first, before anything else.
        comment([Message(receipt.isTestData ? .testDataTitle : .receiptTitle)])
        comment(headline(receipt))
        let summary = summary(receipt, listFile: listFile)
        if !summary.isEmpty {
            lines.append("#")
            for line in summary { comment([line]) }
        }
        lines.append("#")
        comment([Message(.summaryMachinePart)])
        entry("kuitti-versio", Self.version)
        entry("kieli", language.rawValue)
        entry("tulos", receipt.outcome.rawValue)
        entry("pyynto", receipt.dropID)
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
            entry("syy", Self.quoted(refusal.message.text(language)))
        }
        if !receipt.groups.isEmpty { entry("tietoryhmat", receipt.groups.map(\.rawValue).joined(separator: " ")) }
        for refused in receipt.refusedGroups {
            entry("tietoryhma-hylatty[\(Self.keySafe(Henkilotunnus.maskingShapes(in: refused.requested)))]", refused.reason.rawValue)
        }
        for (key, value) in Self.undeliveredGroupEntries(receipt) { entry(key, value) }
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
        if c.changes > 0 || (receipt.outcome == .done && Self.isChangeDelivery(receipt)) {
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
        if needsListFile(receipt), let listFile { entry("luettelo", listFile) }
        lines += rejectedEntries(receipt.rejectedLines.prefix(listLimit))
        lines += receipt.notFound.first(listLimit).map(notFoundEntry)
        if !receipt.undelivered.isEmpty { entry("ei-toimitettu", String(receipt.undelivered.count)) }
        lines += undeliveredEntries(receipt.undelivered.prefix(listLimit))
        for note in receipt.notes { entry("huomautus", Self.quoted(note.text(language))) }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// The list file beside the receipt: every rejected line, not-found hetu and person answered
    /// without data (`ei-toimitettu-hetu`) the receipt holds,
    /// in the receipt's grammar; nil when the receipt lists them all itself.
    public func listsText(_ receipt: Receipt, receiptName: String) -> String? {
        guard needsListFile(receipt) else { return nil }
        var text = ""
        forEachListLine(receipt, receiptName: receiptName) { text += $0 }
        return text
    }

    /// ``listsText(_:receiptName:)`` a line at a time (each with its CRLF), so a list of 800,000
    /// not-found henkilötunnus is never one string in memory; nothing when no list file is needed.
    public func forEachListLine(_ receipt: Receipt, receiptName: String, _ body: (String) throws -> Void) rethrows {
        guard needsListFile(receipt) else { return }
        try body("# " + Self.clean(Henkilotunnus.maskingShapes(in: Message(.listTitle, ["receipt": .text(receiptName)]).text(language))) + "\r\n")
        try body("pyynto: " + Self.clean(receipt.dropID) + "\r\n")
        for line in rejectedEntries(receipt.rejectedLines[...]) { try body(line + "\r\n") }
        for hetu in receipt.notFound { try body(notFoundEntry(hetu) + "\r\n") }
        for line in undeliveredEntries(receipt.undelivered[...]) { try body(line + "\r\n") }
    }

    private func rejectedEntries(_ rejected: ArraySlice<RejectedLine>) -> [String] {
        // A list file holds up to 20,000 lines, mostly for a handful of reasons: each is written once.
        var reasons: [Message: String] = [:]
        return rejected.map { line in
            let masked = Henkilotunnus.mask(line.value).replacing("|", with: "?")
            let reason = reasons[line.reason] ?? {
                let text = Self.clean(Henkilotunnus.maskingShapes(in: line.reason.text(language)))
                reasons[line.reason] = text
                return text
            }()
            return "hylatty-rivi[\(line.line)]: \(Self.clean(masked)) | \(line.kind) | \(reason)"
        }
    }

    private func notFoundEntry(_ hetu: String) -> String {
        "ei-loytynyt-hetu: " + Self.clean(unmaskNotFound ? hetu : Henkilotunnus.mask(hetu))
    }

    static func isChangeDelivery(_ receipt: Receipt) -> Bool {
        receipt.operation.flatMap(DropContent.Operation.init(rawValue:))?.isChangeDelivery ?? false
    }

    /// UTF-8 bytes of ``text(_:listFile:)``.
    public func bytes(_ receipt: Receipt, listFile: String? = nil) -> [UInt8] { Array(text(receipt, listFile: listFile).utf8) }

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
