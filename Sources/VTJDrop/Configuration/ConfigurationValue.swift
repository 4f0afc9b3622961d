/// One value from the file or a flag, with where it came from (for messages and relative paths).
struct ConfigurationValue: Sendable, Hashable {
    /// A single value or a list.
    enum Content: Sendable, Hashable {
        case scalar(String)
        case list([String])
    }

    var content: Content
    /// Line in the YAML file; nil for flags.
    var line: Int?
    /// Directory relative paths are resolved against (the file's directory, or the working directory for flags).
    var baseDirectory: String

    /// The value as one string (a one-element list counts).
    var scalar: String? {
        switch content {
        case .scalar(let text): text
        case .list(let items): items.count == 1 ? items[0] : nil
        }
    }

    /// The value as a list (a scalar counts as a list of one).
    var list: [String] {
        switch content {
        case .scalar(let text): [text]
        case .list(let items): items
        }
    }
}
