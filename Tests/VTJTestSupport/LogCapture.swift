import Foundation
import Logging
import Synchronization

/// Every log line a logger writes, rendered with all metadata, kept for searching (what is and
/// what is not logged: masked henkilötunnus, never a password).
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// A trace-level logger whose every line lands here.
    public func logger(label: String = "vtjdrop") -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// A trace-level handler whose every line lands here, for wrapping in another handler.
    public func handler(label: String = "vtjdrop") -> any LogHandler { Handler(label: label, capture: self) }

    /// Every line so far, in order.
    public var all: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let provided = metadataProvider?.get() ?? [:]
            let merged = metadata.merging(provided) { $1 }.merging(event.metadata ?? [:]) { $1 }
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(label): \(event.message) \(fields) (\(event.source) \(event.file):\(event.line))")
        }
    }
}
