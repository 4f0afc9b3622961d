/// A dropped file could not be read as a whole: names the file, the line when known, and why.
public struct DropReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Broad class of the problem, for counting and receipts.
    public enum Kind: String, Sendable, Hashable {
        /// Binary data, a NUL byte, an undecodable encoding.
        case notText = "not-text"
        /// A known non-text format (workbook, PDF) dropped by mistake.
        case wrongFormat = "wrong-format"
        /// A CSV without a usable `hetu` column.
        case csvHeader = "csv-header"
        /// The request XML is not well-formed or not safe to read.
        case xml
        /// The request XML is well-formed but asks for something the contract does not know.
        case request
        /// The file holds nothing to read: no bytes, or only a byte order mark, blanks and comments.
        case empty
        /// The request's `toiminto` is not one of the contract's operations.
        case unknownOperation = "unknown-operation"
    }

    /// The file's name as the department dropped it.
    public let file: String
    /// The line, when the problem has one.
    public let line: Int?
    /// The class of the problem.
    public let kind: Kind
    /// What is wrong and what to do, from the catalogue (receipts write it in the department's language).
    public let reasonMessage: Message

    /// A problem worded in the catalogue.
    public init(file: String, line: Int? = nil, kind: Kind, message: Message) {
        self.file = file
        self.line = line
        self.kind = kind
        self.reasonMessage = message
    }

    /// A problem in technical English only (a parser's own words): receipts quote it as such.
    /// Prefer ``init(file:line:kind:message:)`` with a catalogue text.
    public init(file: String, line: Int? = nil, kind: Kind, reason: String) {
        self.init(file: file, line: line, kind: kind, message: .technical(reason))
    }

    /// The reason in English (logs, tests).
    public var reason: String { reasonMessage.description }

    /// File, line and reason, for a receipt in any language.
    public var message: Message {
        if let line {
            return Message(.readErrorOnLine, ["file": .text(file), "line": .text(String(line)), "reason": reasonMessage.argument])
        }
        return Message(.readErrorInFile, ["file": .text(file), "reason": reasonMessage.argument])
    }

    public var description: String { message.description }
}
