import VTJCore

/// What one scan of a department's inbox folder found.
package struct InboxListing: Sendable {
    /// Why an entry is never read.
    package enum Refusal: Sendable, Hashable, CustomStringConvertible {
        case notAFile(InboxEntry.Kind)
        case tooLarge(size: Int64, limit: Int64)
        /// A second name for a file that exists elsewhere: claiming it could read a file the
        /// department could not read itself (when the kernel allows such links).
        case hardLinked(links: Int)

        package var description: String {
            switch self {
            case .notAFile(let kind): "a \(kind) is never read; drop regular files only"
            case .tooLarge(let size, let limit): "\(size) bytes is over the limit of \(limit) bytes; split the list"
            case .hardLinked(let links): "the file has \(links) hard links; drop a plain copy of it"
            }
        }

        /// The refusal a journal's error text (``description``, then the quarantine words) was made
        /// from, so a receipt published after a restart still says what the entry was.
        package init?(described text: String) {
            if let kind = InboxEntry.Kind.allCases.first(where: { text.hasPrefix("a \($0.rawValue) is never read") }) {
                self = .notAFile(kind)
            } else if let match = text.firstMatch(of: /^(\d+) bytes is over the limit of (\d+) bytes/),
                      let size = Int64(match.1), let limit = Int64(match.2) {
                self = .tooLarge(size: size, limit: limit)
            } else if let match = text.firstMatch(of: /^the file has (\d+) hard links/), let links = Int(match.1) {
                self = .hardLinked(links: links)
            } else {
                return nil
            }
        }

        /// Why the entry was never opened, for the department's receipt.
        package var message: Message {
            switch self {
            case .notAFile(let kind):
                let key: MessageKey = switch kind {
                case .symbolicLink: .entrySymbolicLink
                case .directory: .entryFolder
                case .fifo: .entryNamedPipe
                case .socket: .entrySocket
                case .characterDevice, .blockDevice: .entryDevice
                case .regular, .unknown: .entrySpecialFile
                }
                return Message(.quarantinedNotAFile, ["kind": Message(key).argument])
            case .tooLarge(let size, let limit): return Message(.quarantinedTooLarge, ["size": .count(Int(size)), "limit": .count(Int(limit))])
            case .hardLinked(let links): return Message(.quarantinedHardLinked, ["links": .count(links)])
            }
        }
    }

    /// Regular files within the size limit, by display name (candidates for the settle tracker).
    package var files: [String: InboxEntry] = [:]
    /// Entries that are never opened (dot-names are left out: they are never picked up anyway).
    package var refused: [(entry: InboxEntry, refusal: Refusal)] = []

    package init() {}

    /// The stamps to feed ``SettleTracker/observe(_:at:)``.
    package var stamps: [String: FileStamp] { files.mapValues(\.stamp) }
}
