import Foundation
import VTJCore

/// The audit log as CSV for the controller's disclosure log: one row per person per query.
///
/// Unlike log lines, the export names persons in full: answering "who saw my data" is its purpose.
/// It is written to wherever the operator directs it and must be kept as carefully as the database.
public struct AuditExport: Sendable {
    public static let columns = ["aika_utc", "osasto", "kayttotarkoitus", "pyynto", "toiminto", "laajuus", "hetu", "hetuja_kyselyssa", "lisatieto"]

    let encoder: CSVEncoder

    public init(dialect: CSVDialect = .standard) { encoder = CSVEncoder(dialect: dialect) }

    /// The BOM (when the dialect wants one) and the header line.
    public func header() -> [UInt8] { encoder.preamble + Array(encoder.line(Self.columns).utf8) }

    /// One line per hetu of the query; a municipality-wide query without hetus is one line with an empty hetu.
    public func lines(_ entry: AuditEntry) -> [UInt8] {
        let common = [Self.timestamp(entry.at), entry.department, entry.purpose, entry.requestID, entry.operation, entry.scope.rawValue]
        let tail = [String(entry.hetuCount), entry.detail ?? ""]
        let hetus = entry.hetus.isEmpty ? [""] : entry.hetus
        var bytes: [UInt8] = []
        for hetu in hetus { bytes += Array(encoder.line(common + [hetu] + tail).utf8) }
        return bytes
    }

    /// ISO 8601 in UTC: sortable, and unambiguous across the DST change.
    static func timestamp(_ date: Date) -> String {
        let instant = Instant(date)
        return LocalDateTime(instant: instant, utcOffsetSeconds: 0).description + "Z"
    }
}
