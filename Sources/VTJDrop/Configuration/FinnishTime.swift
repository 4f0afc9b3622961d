import Foundation
import VTJCore

/// Finnish time (Europe/Helsinki from the system's tzdata) for the schedule and for "today" in age rules.
package struct FinnishTime: UTCOffsetRule {
    /// The zone's identifier.
    package static let identifier = "Europe/Helsinki"

    private let zone: TimeZone

    /// Finnish time, or nil when the system has no tzdata for Europe/Helsinki (install the `tzdata` package).
    package init?() {
        guard let zone = TimeZone(identifier: FinnishTime.identifier) else { return nil }
        self.zone = zone
    }

    package func utcOffsetSeconds(at instant: Instant) -> Int {
        zone.secondsFromGMT(for: instant.date)
    }

    /// The date in Finland now, as the disclosure rules count age ("the processing day in Finnish time").
    package func today(_ clock: some WallClock) -> CivilDate { localDate(at: clock.instant()) }

    /// The wall-clock reading in Finland at `date`.
    package func localDateTime(at date: Date) -> LocalDateTime { localDateTime(at: Instant(date)) }
}
