import Foundation
import VTJCore
import VTJDrop

/// Formatting shared by the operator commands (`status`, `audit`): Finnish times, masked hetus.
enum OperatorText {
    /// Every henkilötunnus-looking run in `text` masked (`010594Y***2`), except `keep`.
    ///
    /// File names and error texts come from departments and may carry a hetu; the operator sees
    /// only the one they asked about.
    static func masked(_ text: String, keeping keep: Henkilotunnus? = nil) -> String {
        DropFileName.maskingHetus(in: text, keeping: keep)
    }

    /// `2026-11-26 08:03:12 +02:00` in Finnish time (the offset always shown), or `-`.
    static func time(_ date: Date?, zone: FinnishTime) -> String {
        guard let date else { return "-" }
        return zone.zoned(at: Instant(date)).readable
    }

    /// Opens the state database named by `--state`, or by the configuration (`--config` / `VTJDROP_CONFIG` / defaults).
    static func openState(state: String?, config: String?) throws -> (database: StateDatabase, configuration: DropConfiguration?) {
        var configuration: DropConfiguration?
        var folder = state
        if state == nil || config != nil {
            let loaded = try ConfigurationLoader.load(overrides: .init(configFile: config, state: state), needsInterface: false)
            configuration = loaded.configuration
            folder = loaded.configuration.state
        }
        return (try StateDatabase(stateFolder: folder ?? "./state", create: false), configuration)
    }

    /// A plain table with left-aligned columns.
    static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
