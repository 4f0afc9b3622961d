/// An XML document could not be read: names the document, the line and the reason.
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public let document: String
    public let line: Int
    public let reason: String

    public init(document: String, line: Int, reason: String) {
        self.document = document
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(document):\(line): \(reason)" }
}
