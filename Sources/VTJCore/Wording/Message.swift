/// A text for a department or an operator, kept as a catalogue key and its arguments so that it
/// can be written in any ``Language`` (MessageCatalogue); never a finished sentence.
///
/// A new text is a new ``MessageKey`` case plus one template in each catalogue
/// (`MessageCatalogue+Finnish.swift`, `+Swedish.swift`, `+English.swift`); `MessageCatalogueTests`
/// fails until every language has it with the same placeholders.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    public var key: MessageKey
    public var arguments: [String: MessageArgument]

    public init(_ key: MessageKey, _ arguments: [String: MessageArgument] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String { MessageCatalogue.render(self, in: language) }

    /// English, for logs and error descriptions.
    public var description: String { text(.english) }
}

/// One argument of a ``Message``: a quoted text, a count (chooses singular or plural and is
/// written with the language's thousands separator), a nested message, or a list of texts.
public indirect enum MessageArgument: Hashable, Sendable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral {
    case text(String)
    case count(Int)
    case message(Message)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .count(value) }

    /// The argument written in `language`.
    func text(_ language: Language) -> String {
        switch self {
        case .text(let text): text
        case .count(let count): language.number(count)
        case .message(let message): message.text(language)
        }
    }
}

extension Message {
    /// This message as an argument of another.
    public var argument: MessageArgument { .message(self) }
}

extension Message {
    /// A text only available in technical English (a parser's or a server's own words), quoted as such.
    public static func technical(_ text: String) -> Message { Message(.technicalDetail, ["detail": .text(text)]) }
}
