import VTJCore

/// The change log: entries in key order, 64-bit keys starting above 2^32, one page at a time.
public struct SandboxChangeLog: Sendable {
    /// The key before the first entry (`kirjausavain` of any day before the first change).
    public let baseKey: Int64
    private(set) var entries: [LogEntry] = []

    /// An empty log whose first key follows `baseKey`.
    public init(baseKey: Int64 = 5_446_623_423) { self.baseKey = baseKey }

    /// The newest key (``baseKey`` while the log is empty).
    public var latestKey: Int64 { entries.last?.key ?? baseKey }

    /// Number of `muutos` entries logged so far.
    public var count: Int { entries.count }

    mutating func append(_ entry: LogEntry) { entries.append(entry) }

    /// The key at the start of `day`: the last entry of an earlier day.
    public func key(atStartOf day: CivilDate) -> Int64 {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].day < day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? baseKey : entries[low - 1].key
    }

    /// One page of entries after `key` that pass `filter`.
    ///
    /// The returned key is the last entry looked at when the page is full (more may follow), or
    /// the newest key when everything has been seen, so a caller never reads an entry twice.
    func page(after key: Int64, limit: Int, filter: (LogEntry) -> Bool) -> (entries: [LogEntry], key: Int64, upToDate: Bool) {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].key <= key { low = mid + 1 } else { high = mid }
        }
        var found: [LogEntry] = []
        var position = low
        while position < entries.count {
            let entry = entries[position]
            position += 1
            guard filter(entry) else { continue }
            found.append(entry)
            if found.count >= max(1, limit) { break }
        }
        if position < entries.count, let last = found.last {
            return (found, last.key, false)
        }
        return (found, max(key, latestKey), true)
    }

    /// Kinds of the entries logged so far, with counts (for tests and the admin endpoint).
    public var countsByKind: [SandboxEventKind: Int] {
        entries.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
}
