/// Which claimed drops the daemon starts now: how the appliance is shared between departments,
/// decided as a value (the runner performs it, `ApplianceRunner.startQueued`).
///
/// `workers` drops run at once, oldest first, a department with no drop in flight before one that
/// has one. When every worker is busy, a *small* drop (at most one message's worth) still starts,
/// up to `smallBeyondWorkers` of them, again a department with nothing in flight first: two
/// departments' large drops would otherwise keep a third department's ten-line list waiting for
/// minutes, and a short list would wait for the one before it to finish its publication (which
/// waits for the database's writer while a large drop's publication holds it). Its message runs on
/// the interface's spare worker (`CurlWorkerPool`), so it costs the large drops little.
public struct DropScheduler: Hashable, Sendable {
    /// What the scheduler knows of a drop: whose it is, and whether it is small.
    public struct Drop: Hashable, Sendable {
        public var department: String
        /// At most one message's worth of work (a short list), known from the claimed file.
        public var isSmall: Bool

        public init(department: String, isSmall: Bool) {
            self.department = department
            self.isSmall = isSmall
        }
    }

    /// Drops walked at once.
    public var workers: Int
    /// Small drops of idle departments started beyond ``workers``.
    public var smallBeyondWorkers: Int

    public init(workers: Int, smallBeyondWorkers: Int = 2) {
        self.workers = max(1, workers)
        self.smallBeyondWorkers = max(0, smallBeyondWorkers)
    }

    /// The positions in `queued` (oldest first) to start now, in the order to start them.
    public func start(queued: [Drop], inFlight: [Drop]) -> [Int] {
        var running = inFlight
        var left = Array(queued.indices)
        var chosen: [Int] = []
        while !left.isEmpty {
            let busy = Set(running.map(\.department))
            let pick: Int?
            if running.count < workers {
                pick = left.firstIndex { !busy.contains(queued[$0].department) } ?? left.startIndex
            } else if running.count < workers + smallBeyondWorkers {
                pick = left.firstIndex { queued[$0].isSmall && !busy.contains(queued[$0].department) }
                    ?? left.firstIndex { queued[$0].isSmall }
            } else {
                pick = nil
            }
            guard let pick else { break }
            let index = left.remove(at: pick)
            chosen.append(index)
            running.append(queued[index])
        }
        return chosen
    }

    /// The largest claimed list counted as small: about one message of henkilötunnus (1000 lines
    /// of 11 characters and a line end, with room for a header and a BOM).
    public static let smallListBytes: Int64 = 16 * 1024
}
