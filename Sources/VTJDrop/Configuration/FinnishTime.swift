import Foundation
import VTJCore

/// Finnish time (Europe/Helsinki from the system's tzdata) for the schedule and for "today" in age rules.
///
/// Read from the TZif file itself rather than through Foundation's `TimeZone`, which on Linux pages in
/// ICU (several megabytes resident for the process's life) to answer what a table lookup answers.
package struct FinnishTime: UTCOffsetRule {
    /// The zone's identifier.
    package static let identifier = "Europe/Helsinki"
    /// Where the tzdata package installs the zone.
    package static let zoneFile = "/usr/share/zoneinfo/Europe/Helsinki"
    /// The process's Finnish time, the zone file read once.
    package static let system = FinnishTime()

    /// Where the offsets come from.
    package enum Source: Sendable, Hashable {
        /// The system's tzdata file at this path.
        case zoneFile(String)
        /// The EU rule built in (`POSIXZoneRule.finland`), because the file could not be read (why).
        case builtInRule(problem: String)
    }

    private let zone: any UTCOffsetRule
    /// Where the offsets come from (the runtime logs a built-in rule once at start).
    package let source: Source

    /// Finnish time from `zoneFile`, or from the EU rule when that file is missing or unreadable.
    package init(zoneFile: String = FinnishTime.zoneFile) {
        switch Self.read(zoneFile) {
        case .success(let zone):
            self.zone = zone
            source = .zoneFile(zoneFile)
        case .failure(let problem):
            zone = POSIXZoneRule.finland
            source = .builtInRule(problem: problem.text)
        }
    }

    private static func read(_ path: String) -> Result<TZifZone, FinnishTimeProblem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(FinnishTimeProblem(text: "\(path) is missing or unreadable"))
        }
        do {
            return .success(try TZifZone(bytes: [UInt8](data)))
        } catch {
            return .failure(FinnishTimeProblem(text: "\(path): \(error)"))
        }
    }

    package func utcOffsetSeconds(at instant: Instant) -> Int {
        zone.utcOffsetSeconds(at: instant)
    }

    /// The date in Finland now, as the disclosure rules count age ("the processing day in Finnish time").
    package func today(_ clock: some WallClock) -> CivilDate { localDate(at: clock.instant()) }

    /// The wall-clock reading in Finland at `date`.
    package func localDateTime(at date: Date) -> LocalDateTime { localDateTime(at: Instant(date)) }

    /// The log line for a built-in rule (nil when the zone file was read).
    package var fallbackNote: String? {
        guard case .builtInRule(let problem) = source else { return nil }
        return "time zone: \(problem); using the EU rule for Finland built in (EET/EEST, last Sundays of March and "
            + "October at 01:00 UTC); install the tzdata package for Finland's historical offsets"
    }
}

/// Why the zone file was not used (internal to `FinnishTime.init`).
private struct FinnishTimeProblem: Error {
    let text: String
}
