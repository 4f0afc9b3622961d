/// An XML document could not be written: names the document and the reason.
public struct XMLWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public let document: String
    public let reason: String

    public init(document: String, reason: String) {
        self.document = document
        self.reason = reason
    }

    public var description: String { "\(document): \(reason)" }
}
