/// Wall-clock times at which something runs every day (the followed register's change fetches).
public struct DailySchedule: Hashable, Sendable {
    /// The times of day, sorted, without duplicates; empty means "only on demand".
    public let times: [LocalTime]

    /// A schedule running at each of `times` every day.
    public init(times: some Sequence<LocalTime>) {
        self.times = Array(Set(times)).sorted()
    }

    /// Whether the schedule never fires by itself.
    public var isOnDemandOnly: Bool { times.isEmpty }

    /// The first scheduled instant strictly after `instant`, or nil for an on-demand-only schedule.
    public func nextRun(after instant: Instant, zone: some UTCOffsetRule) -> Instant? {
        guard !times.isEmpty else { return nil }
        let today = zone.localDate(at: instant)
        // Yesterday is included: a wall time shifted out of a DST gap can land after midnight's neighbour.
        for dayOffset in -1...2 {
            let day = today.adding(days: dayOffset)
            let runs = times.map { zone.instant(for: LocalDateTime(date: day, time: $0)) }
            if let first = runs.filter({ $0 > instant }).min() { return first }
        }
        return nil
    }

    /// Whether a run is owed now: a scheduled instant fell in `(lastRun, now]`, or tells when the next is.
    ///
    /// A run missed while the appliance was down is made up once at start, not once per missed slot.
    /// Without any earlier run the schedule waits for its next slot (nothing is owed yet).
    public func decide(lastRun: Instant?, now: Instant, zone: some UTCOffsetRule) -> ScheduleAction {
        guard let next = nextRun(after: now, zone: zone) else { return .onDemandOnly }
        if let lastRun, let owed = nextRun(after: lastRun, zone: zone), owed <= now {
            return .runNow(scheduledFor: owed)
        }
        return .waitUntil(next)
    }
}

/// What a scheduler should do at a given moment.
public enum ScheduleAction: Hashable, Sendable {
    /// Run now; `scheduledFor` is the slot being served (it may lie in the past after downtime).
    case runNow(scheduledFor: Instant)
    /// Sleep until this instant, then ask again.
    case waitUntil(Instant)
    /// Nothing is scheduled; runs happen only on request.
    case onDemandOnly
}
