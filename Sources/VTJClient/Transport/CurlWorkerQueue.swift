import VTJCore

/// ``CurlWorkerPool``'s bookkeeping and its sharing policy as a value: which waiting job goes to
/// which idle worker (docs/performance.md, "Sharing the interface").
///
/// - No owner (one drop's operation) runs more than `cap` jobs.
/// - A free worker takes a normal job before a bulk one, then the oldest job of the owner running
///   the fewest.
/// - While a normal-priority job (a small drop's message) waits or runs, no bulk job starts unless
///   no bulk job is running at all: the small message does not share the upstream and the cores
///   with the bulk drops' next messages, and a bulk drop still always has one message going.
/// - While a small drop walks anywhere in the appliance (not only while its message waits or
///   runs) and shortly after (``WorkPriority/holdsUpstream(smallDropsInFlight:sinceLastSmallDrop:)``),
///   a bulk job starts only when no bulk transfer is under way (its request sent, its answer not
///   yet in): an upstream that builds answers on a few cores answers the small message behind
///   every bulk answer it is already building, so the small drop's message must find at most one
///   there when it is sent (docs/performance.md, "Latency, eighth round"). The bulk drop keeps one
///   transfer going and its other workers parsing.
/// - A job goes to an idle worker already at its priority if there is one (a lowered thread may
///   not be allowed back up).
struct CurlWorkerQueue<Job> {
    struct Entry {
        var owner: Int
        var priority: WorkPriority
        var job: Job
    }

    var waiting: [Entry] = []
    /// Jobs running per owner.
    var running: [Int: Int] = [:]
    /// Jobs running per priority.
    var runningByPriority: [WorkPriority: Int] = [:]
    var idle: [Int]
    /// The priority each worker's thread is at (as it last reported).
    var levels: [WorkPriority]
    /// The job handed to each worker (nil once taken; a wake-up with none means shut down).
    var handed: [Entry?]
    /// The priority of the job whose transfer each worker has under way (nil: idle, or its answer is in).
    var transfers: [WorkPriority?]
    /// A small drop is in flight in the appliance or has just ended (the pool sets it before each dispatch).
    var besideSmallDrops = false
    var closed = false

    /// Bulk transfers allowed under way at once while a small drop is in flight: one keeps the
    /// bulk drop going; a second already makes a small message wait for an answer being built.
    static var bulkTransfersBesideSmallDrops: Int { 1 }

    init(workers: Int) {
        idle = Array((0..<workers).reversed())
        levels = Array(repeating: .normal, count: workers)
        handed = Array(repeating: nil, count: workers)
        transfers = Array(repeating: nil, count: workers)
    }

    /// Bulk transfers under way now.
    var bulkTransfers: Int { transfers.reduce(0) { $0 + ($1 == .bulk ? 1 : 0) } }

    /// Whether bulk jobs wait for the upstream now: a small drop is in flight and as many bulk
    /// transfers as it allows are under way.
    var holdsBulkForTheUpstream: Bool {
        besideSmallDrops && bulkTransfers >= Self.bulkTransfersBesideSmallDrops
    }

    /// Whether bulk jobs are held back now: a normal job waits or runs, and a bulk job is running.
    var holdsBackBulk: Bool {
        let normalBusy = runningByPriority[.normal, default: 0] > 0 || waiting.contains { $0.priority == .normal }
        return normalBusy && runningByPriority[.bulk, default: 0] > 0
    }

    /// Hands runnable jobs to idle workers; returns the workers to wake.
    mutating func dispatch(cap: Int) -> [Int] {
        var woken: [Int] = []
        while !idle.isEmpty {
            guard let chosen = nextJob(cap: cap) else { break }
            let entry = waiting.remove(at: chosen)
            running[entry.owner, default: 0] += 1
            runningByPriority[entry.priority, default: 0] += 1
            let slot = idle.lastIndex { levels[$0] == entry.priority } ?? idle.index(before: idle.endIndex)
            let worker = idle.remove(at: slot)
            handed[worker] = entry
            transfers[worker] = entry.priority
            woken.append(worker)
        }
        return woken
    }

    /// The position of the waiting job to start next, if any may start.
    func nextJob(cap: Int) -> Int? {
        let holdBack = holdsBackBulk || holdsBulkForTheUpstream
        // Normal before bulk, then the owner running the fewest, then the oldest.
        var best: (index: Int, priority: Int, load: Int)?
        for index in waiting.indices {
            let entry = waiting[index]
            if holdBack, entry.priority == .bulk { continue }
            let load = running[entry.owner, default: 0]
            guard load < cap else { continue }
            if let chosen = best, (chosen.priority, chosen.load) <= (entry.priority.rawValue, load) { continue }
            best = (index, entry.priority.rawValue, load)
            if load == 0, entry.priority == .normal { break }
        }
        return best?.index
    }

    /// A worker is done with a job of `owner` at `priority` and its thread is now at `level`: it
    /// is idle again; returns the workers to wake (all the idle ones when the pool is shut and
    /// nothing waits, so that they exit).
    mutating func finished(owner: Int, priority: WorkPriority, worker: Int, level: WorkPriority, cap: Int) -> [Int] {
        let left = running[owner, default: 1] - 1
        running[owner] = left > 0 ? left : nil
        let leftAt = runningByPriority[priority, default: 1] - 1
        runningByPriority[priority] = leftAt > 0 ? leftAt : nil
        levels[worker] = level
        transfers[worker] = nil
        idle.append(worker)
        let woken = dispatch(cap: cap)
        return closed && waiting.isEmpty ? woken + idle : woken
    }

    /// The job on `worker` has its answer (or its transfer failed) and goes on parsing: its
    /// transfer no longer holds bulk jobs back; returns the workers to wake.
    mutating func transferEnded(worker: Int, cap: Int) -> [Int] {
        guard transfers[worker] != nil else { return [] }
        transfers[worker] = nil
        return dispatch(cap: cap)
    }
}
