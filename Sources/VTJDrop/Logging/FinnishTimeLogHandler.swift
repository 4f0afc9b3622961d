import Foundation
import Logging
import VTJCore

/// Log lines for people: standard error, one line per event, stamped in Finnish time with the
/// offset shown (`2026-11-26T10:15:03.250+02:00`), whatever time zone the machine runs in.
///
/// swift-log's `StreamLogHandler` stamps lines in the process's local zone, which on a server is
/// usually UTC: an operator comparing a log line with a clerk's "I dropped it at ten" would be two
/// or three hours off. The layout is otherwise the same: `time level label: metadata [source] message`.
package struct FinnishTimeLogHandler: LogHandler {
    private let label: String
    private let zone: any UTCOffsetRule
    private let write: @Sendable (String) -> Void
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?

    /// A handler writing to standard error; Finnish time from the system's tzdata (the EU rule when missing).
    package init(label: String, zone: (any UTCOffsetRule)? = FinnishTime.system,
                write: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }) {
        self.label = label
        self.zone = zone ?? FixedUTCOffset(seconds: 0)
        self.write = write
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error { merged["error"] = .string(DropFileName.maskingHetus(in: "\(error)")) }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        write("\(Self.stamp(Date(), zone: zone)) \(event.level) \(label):\(fields.isEmpty ? "" : " " + fields) [\(event.source)] \(event.message)\n")
    }

    /// ISO 8601 with milliseconds and the zone's offset at that moment.
    static func stamp(_ date: Date, zone: any UTCOffsetRule) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let zoned = zone.zoned(at: Instant(secondsSinceEpoch: Int64(seconds)))
        let millis = min(999, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down)))
        let fraction = String(millis + 1000).dropFirst()
        return zoned.local.description + "." + fraction + zoned.offset
    }
}
