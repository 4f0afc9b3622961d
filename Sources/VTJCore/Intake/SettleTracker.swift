/// Decides, scan after scan, which files of one inbox folder are complete and may be claimed.
///
/// Pure: every pass gets the directory listing and the time as values, so tests drive it with an
/// injected instant and no sleeps. Decisions come oldest-first by first sight, so a large
/// backlog cannot starve a file that has waited longer.
public struct SettleTracker<Instant: InstantProtocol & Sendable>: Sendable where Instant.Duration == Duration {
    /// What to do with one file now.
    public enum Action: Sendable, Hashable {
        /// Complete: claim it; afterwards consume `marker` (a file name in the same folder) if any.
        case ready(marker: String?)
        /// Not yet: look again at `until` (nil when waiting for a `.done` marker).
        case wait(until: Instant?)
        /// Never picked up, for the reason given.
        case ignore(DropNameRule)
    }

    /// The action for one file, with the time the tracker first saw it.
    public struct Decision: Sendable, Hashable {
        /// The file's name (its display form).
        public let name: String
        /// What to do with the file now.
        public let action: Action
        /// When the tracker first saw the file (the ordering key).
        public let firstSeen: Instant
    }

    /// The outcome of one pass over a listing.
    public struct Pass: Sendable {
        /// Every listed file, oldest first sight first (ties by name).
        public let decisions: [Decision]
        /// The earliest time a waiting file can become ready (schedule a scan then), if any.
        public let nextCheck: Instant?

        /// The names that are ready, oldest first, with the marker to consume after each claim.
        public var ready: [(name: String, marker: String?)] {
            decisions.compactMap { decision in
                if case .ready(let marker) = decision.action { return (decision.name, marker) }
                return nil
            }
        }
    }

    private struct Entry: Sendable {
        var firstSeen: Instant
        var lastChange: Instant
        var stamp: FileStamp
    }

    /// The department's readiness mode.
    public let mode: ReadinessMode
    /// How long a file must stay unchanged in `settle` mode.
    public let settlePeriod: Duration
    /// How long an empty file must stay empty in `settle` mode: some producers create the file
    /// first and write it seconds later, and claiming it empty would lose the real content.
    public let emptySettlePeriod: Duration
    /// How long a file written shortly before the appliance started watching must stay unchanged
    /// (``WriteActivity/unwatched``): longer than a writer's pause with the file open is likely to be.
    public let unwatchedSettlePeriod: Duration
    private var entries: [String: Entry] = [:]

    /// A tracker for one folder; the settle period is measured from first sight, never from the
    /// file's own mtime (copies keep the source's mtime).
    public init(mode: ReadinessMode, settlePeriod: Duration = .seconds(2), emptySettlePeriod: Duration = .seconds(30),
                unwatchedSettlePeriod: Duration = .seconds(10)) {
        self.mode = mode
        self.settlePeriod = settlePeriod
        self.emptySettlePeriod = max(settlePeriod, emptySettlePeriod)
        self.unwatchedSettlePeriod = max(settlePeriod, unwatchedSettlePeriod)
    }

    /// How many names the tracker remembers (bounded by the folder's listing).
    public var trackedCount: Int { entries.count }

    /// Takes a complete listing of the folder's regular files and decides for each of them.
    /// Names missing from the listing are forgotten (claimed, deleted or renamed away).
    ///
    /// - Parameter activity: what the kernel said about names (inotify), where it can be trusted.
    ///   A file known to be open for writing is never ready, in any mode; under `rename` a file
    ///   renamed into place or closed by its writer is ready at once, and one the kernel said
    ///   nothing about (written before the appliance started, on a network share, after an event
    ///   overflow) must settle like in `settle` mode.
    public mutating func observe(_ listing: [String: FileStamp], at now: Instant,
                                 activity: [String: WriteActivity] = [:]) -> Pass {
        for name in entries.keys where listing[name] == nil { entries[name] = nil }
        var decisions: [Decision] = []
        decisions.reserveCapacity(listing.count)
        var nextCheck: Instant?
        for (name, stamp) in listing {
            var entry = entries[name] ?? Entry(firstSeen: now, lastChange: now, stamp: stamp)
            if entry.stamp != stamp {
                entry.stamp = stamp
                entry.lastChange = now
            }
            entries[name] = entry
            let action = decide(name: name, entry: entry, listing: listing, activity: activity[name], now: now)
            if case .wait(let until?) = action { nextCheck = nextCheck.map { min($0, until) } ?? until }
            decisions.append(Decision(name: name, action: action, firstSeen: entry.firstSeen))
        }
        decisions.sort { $0.firstSeen != $1.firstSeen ? $0.firstSeen < $1.firstSeen : $0.name < $1.name }
        return Pass(decisions: decisions, nextCheck: nextCheck)
    }

    /// Drops what is known about `name` (after a claim, so a new file of that name starts afresh).
    public mutating func forget(_ name: String) { entries[name] = nil }

    private func decide(name: String, entry: Entry, listing: [String: FileStamp], activity: WriteActivity?,
                        now: Instant) -> Action {
        if let rule = DropNameRule.exclusion(for: name) { return .ignore(rule) }
        // Still open for writing: wait for the writer to close it (the next event wakes the scan).
        if activity == .written { return .wait(until: nil) }
        switch mode {
        case .rename:
            // The fast path: renamed into place, or closed by its writer.
            if activity?.isComplete == true || activity == .quiet { return .ready(marker: nil) }
            return settled(entry, now: now, unwatched: activity == .unwatched)
        case .settle:
            // Quiet by its change time for the settle period already: no need to watch it that long again.
            if activity == .quiet { return .ready(marker: nil) }
            return settled(entry, now: now, unwatched: activity == .unwatched)
        case .marker:
            let marker = name + ReadinessMode.markerSuffix
            return listing[marker] != nil ? .ready(marker: marker) : .wait(until: nil)
        }
    }

    /// Ready once size, mtime and inode stayed unchanged for the settle period (longer when empty,
    /// or when written shortly before the appliance watched it).
    private func settled(_ entry: Entry, now: Instant, unwatched: Bool = false) -> Action {
        let period = entry.stamp.size == 0 ? emptySettlePeriod : unwatched ? unwatchedSettlePeriod : settlePeriod
        let due = entry.lastChange.advanced(by: period)
        return now >= due ? .ready(marker: nil) : .wait(until: due)
    }
}
