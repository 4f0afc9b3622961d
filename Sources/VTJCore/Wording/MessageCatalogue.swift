/// The texts of every ``MessageKey`` in every ``Language``, one table per language
/// (`MessageCatalogue+Finnish.swift`, `+Swedish.swift`, `+English.swift`), and how a template
/// is filled in.
///
/// Templates: `{name}` is replaced by the argument `name`; `{name|singular|plural}` chooses by the
/// count argument `name` (singular for exactly 1; Finnish, Swedish and English all agree on that).
public enum MessageCatalogue {
    /// The table of `language`.
    public static func table(_ language: Language) -> [MessageKey: String] {
        switch language {
        case .finnish: finnish
        case .swedish: swedish
        case .english: english
        }
    }

    /// The template of `key` in `language` (Finnish if a table lacks it; the tests forbid that).
    public static func template(_ key: MessageKey, _ language: Language) -> String {
        table(language)[key] ?? finnish[key] ?? key.rawValue
    }

    /// `message` written in `language`.
    static func render(_ message: Message, in language: Language) -> String {
        let template = template(message.key, language)
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            let inside = rest[rest.index(after: open)..<close]
            let parts = inside.split(separator: "|", omittingEmptySubsequences: false)
            let name = String(parts[0])
            if parts.count == 3 {
                let count: Int? = if case .count(let value) = message.arguments[name] { value } else { nil }
                output += count == 1 ? parts[1] : parts[2]
            } else {
                output += message.arguments[name]?.text(language) ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// The argument names a template uses (`{name}` and `{name|…|…}`), for the completeness tests.
    public static func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false)[0]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
