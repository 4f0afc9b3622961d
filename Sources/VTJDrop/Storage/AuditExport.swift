import Foundation
import VTJCore

/// The audit log as CSV for the controller's disclosure log.
///
/// Two exports: the disclosures (default: one row per person per published result, with the
/// groups delivered) and the query log (`--attempts`: one row per person per query to the
/// interface, with what became of the query). Unlike log lines, both name persons in full:
/// answering "who saw my data" is their purpose. They are written wherever the operator directs
/// and must be kept as carefully as the database.
package struct AuditExport: Sendable {
    /// Columns of the disclosure export.
    package static let disclosureColumns = ["aika", "aika_utc", "osasto", "kayttotarkoitus", "pyynto", "toiminto", "hetu",
                                           "tila", "tietoryhmat", "tulostiedosto", "kirjaus"]
    /// Columns of the query-log export (`--attempts`).
    package static let columns = ["aika", "aika_utc", "osasto", "kayttotarkoitus", "pyynto", "toiminto", "laajuus", "hetu",
                                 "hetuja_kyselyssa", "lisatieto", "tulos", "tuloksen_lisatieto"]

    let encoder: CSVEncoder
    let zone: (any UTCOffsetRule)?

    /// - Parameter zone: Finnish time for the `aika` column (with its offset); nil writes UTC there too.
    package init(dialect: CSVDialect = .standard, zone: (any UTCOffsetRule)? = nil) {
        encoder = CSVEncoder(dialect: dialect)
        self.zone = zone
    }

    /// The BOM (when the dialect wants one) and the header line of the query-log export.
    package func header() -> [UInt8] { encoder.preamble + Array(encoder.line(Self.columns).utf8) }

    /// The BOM and the header line of the disclosure export.
    package func disclosureHeader() -> [UInt8] { encoder.preamble + Array(encoder.line(Self.disclosureColumns).utf8) }

    /// One line per hetu of the query; a municipality-wide query without hetus is one line with an empty hetu.
    package func lines(_ entry: AuditEntry) -> [UInt8] {
        let common = times(entry.at) + [entry.department, entry.purpose, entry.dropID, entry.operation, entry.scope.rawValue]
        let tail = [String(entry.hetuCount), entry.detail ?? "", entry.outcome?.rawValue ?? "ei-kirjattu", entry.outcomeDetail ?? ""]
        let hetus = entry.hetus.isEmpty ? [""] : entry.hetus
        var bytes: [UInt8] = []
        for hetu in hetus { bytes += Array(encoder.line(common + [hetu] + tail).utf8) }
        return bytes
    }

    /// One line per person the published result disclosed.
    package func disclosureLines(_ entry: DisclosureEntry) -> [UInt8] {
        let common = times(entry.at) + [entry.department, entry.purpose, entry.dropID, entry.operation]
        var bytes: [UInt8] = []
        for person in entry.persons {
            bytes += Array(encoder.line(common + [person.hetu, person.status, person.groups?.joined(separator: " ") ?? "",
                                                  entry.resultFile ?? "", entry.provenance]).utf8)
        }
        return bytes
    }

    private func times(_ date: Date) -> [String] {
        let instant = Instant(date)
        return [(zone ?? FixedUTCOffset(seconds: 0)).zoned(at: instant).description, Self.timestamp(date)]
    }

    /// ISO 8601 in UTC: sortable, and unambiguous across the DST change.
    static func timestamp(_ date: Date) -> String {
        let instant = Instant(date)
        return LocalDateTime(instant: instant, utcOffsetSeconds: 0).description + "Z"
    }
}
