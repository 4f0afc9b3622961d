import Glibc
import VTJSheet

/// A disclosure's persons in henkilötunnus order, each once (the first filed of a henkilötunnus
/// stands), for staging in the order of `audit_disclosed_person`'s key
/// (``AuditLog/stageDisclosure(dropID:at:persons:scratchFolder:chunkSize:committed:pace:)``).
///
/// An external merge sort of fixed 24-byte rows: the henkilötunnus's bytes as two big-endian words
/// (so comparing words is SQLite's `BINARY` order), the row's place in the source (first filed first)
/// and the index of its (status, groups) pair, of which a result has a few. Runs of ``runRows`` rows
/// are sorted in memory and written to a nameless scratch file (``SheetSpool``: a crash leaves
/// nothing); the merge reads each run through a small window. It replaced a sort by SQLite in an
/// attached temporary database, whose 1 MiB cache made a 100,000-person result read and write
/// about 1.5 GB through its spill file (performance.md, "CPU, eighth round").
///
/// A henkilötunnus longer than 16 bytes or holding a NUL byte does not fit a row: ``init`` then
/// returns nil and the caller sorts another way.
final class DisclosureSort {
    /// One person: henkilötunnus bytes, zero-padded, as two big-endian words; place; pair.
    struct Row: Comparable {
        var high: UInt64
        var low: UInt64
        var place: UInt32
        var pair: UInt32

        static func < (a: Row, b: Row) -> Bool {
            a.high != b.high ? a.high < b.high : a.low != b.low ? a.low < b.low : a.place < b.place
        }
    }

    /// Rows sorted in memory at a time: 384 KiB.
    static let runRows = 16_384
    /// Rows each run's window holds while merging.
    static let windowRows = 256

    /// The distinct statuses and group lists (as their column's text: names joined by a space).
    private(set) var statuses: [String] = []
    private(set) var groupTexts: [String?] = []
    private var pairLists: [[String]?] = []
    private var pairIndex: [PairKey: UInt32] = [:]

    private let folder: String
    private var spool: SheetSpool?
    /// The rows while they fit one run, sorted: read straight from here, no file.
    private var memory: [Row] = []
    private var memoryAt = 0
    private var runs: [Run] = []
    /// Runs by their current row, smallest first (a binary heap of indices into `runs`).
    private var heap: [Int] = []
    private var last: (UInt64, UInt64)?

    /// Reads `persons` once and sorts them; nil when a henkilötunnus does not fit a row.
    init?(_ persons: any DisclosedPersonSource, folder: String, runRows: Int = DisclosureSort.runRows) throws(StorageError) {
        self.folder = folder
        var buffer: [Row] = []
        buffer.reserveCapacity(min(max(persons.personCount, 1), max(runRows, 1)))
        var place: UInt32 = 0
        do {
            try persons.forEachPerson { person in
                guard let (high, low) = Self.words(person.hetu) else { throw Unfit() }
                buffer.append(Row(high: high, low: low, place: place, pair: self.pair(person.status, person.groups)))
                place &+= 1
                if buffer.count >= max(runRows, 1) { try self.writeRun(&buffer) }
            }
        } catch is Unfit {
            return nil
        } catch let error as StorageError {
            throw error
        } catch {
            throw .database("\(error)")
        }
        if runs.isEmpty {
            buffer.sort(by: <)
            memory = buffer
        } else {
            if !buffer.isEmpty { try writeRun(&buffer) }
            for index in runs.indices { try refill(index) }
            heap = runs.indices.filter { !runs[$0].window.isEmpty }
            for position in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(position) }
        }
    }

    /// Hands `body` the next distinct persons in henkilötunnus order, at most `limit`; returns how many.
    func next(_ limit: Int, _ body: (_ hetu: String, _ pair: Int) throws -> Void) throws -> Int {
        var given = 0
        while given < limit, let row = try pop() {
            if let last, last == (row.high, row.low) { continue }
            last = (row.high, row.low)
            try body(Self.text(row.high, row.low), Int(row.pair))
            given += 1
        }
        return given
    }

    /// Whether every row was handed out.
    var isFinished: Bool { runs.isEmpty ? memoryAt >= memory.count : heap.isEmpty }

    private func pop() throws(StorageError) -> Row? {
        if runs.isEmpty {
            guard memoryAt < memory.count else { return nil }
            defer { memoryAt += 1 }
            return memory[memoryAt]
        }
        guard let top = heap.first else { return nil }
        let row = runs[top].window[runs[top].at]
        runs[top].at += 1
        if runs[top].at >= runs[top].window.count { try refill(top) }
        if runs[top].window.isEmpty {
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
        }
        if !heap.isEmpty { siftDown(0) }
        return row
    }

    private func current(_ run: Int) -> Row { runs[run].window[runs[run].at] }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var child = left
            if left + 1 < heap.count, current(heap[left + 1]) < current(heap[left]) { child = left + 1 }
            guard current(heap[child]) < current(heap[parent]) else { return }
            heap.swapAt(parent, child)
            parent = child
        }
    }

    /// One run of the scratch file: rows `[next, end)` not yet read, `window[at...]` read.
    private struct Run {
        var next: Int
        var end: Int
        var window: [Row] = []
        var at = 0
    }

    private func writeRun(_ buffer: inout [Row]) throws(StorageError) {
        buffer.sort(by: <)
        if spool == nil {
            do { spool = try SheetSpool(folder: folder) } catch {
                guard case .system(_, _, let code) = error else { throw .scratch(operation: "create", folder: folder, errno: EIO) }
                throw .scratch(operation: "create", folder: folder, errno: code)
            }
        }
        let start = runs.last?.end ?? 0
        let failed = buffer.withUnsafeBytes { bytes -> Int32? in
            var done = 0
            while done < bytes.count {
                let wrote = pwrite(spool!.descriptor, bytes.baseAddress! + done, bytes.count - done,
                                   off_t(start * MemoryLayout<Row>.stride + done))
                if wrote < 0 && errno == EINTR { continue }
                guard wrote > 0 else { return wrote < 0 ? errno : EIO }
                done += wrote
            }
            return nil
        }
        if let failed { throw .scratch(operation: "write", folder: folder, errno: failed) }
        runs.append(Run(next: start, end: start + buffer.count))
        buffer.removeAll(keepingCapacity: true)
    }

    /// The run's next window (empty once the run is read).
    private func refill(_ index: Int) throws(StorageError) {
        let count = min(Self.windowRows, runs[index].end - runs[index].next)
        runs[index].at = 0
        guard count > 0, let descriptor = spool?.descriptor else {
            runs[index].window = []
            return
        }
        let offset = off_t(runs[index].next * MemoryLayout<Row>.stride)
        var failure: Int32 = 0
        let window = [Row](unsafeUninitializedCapacity: count) { rows, initialised in
            let bytes = UnsafeMutableRawBufferPointer(rows)
            let want = count * MemoryLayout<Row>.stride
            var done = 0
            while done < want {
                let got = pread(descriptor, bytes.baseAddress! + done, want - done, offset + off_t(done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    failure = got < 0 ? errno : EIO
                    initialised = 0
                    return
                }
                done += got
            }
            initialised = count
        }
        guard failure == 0 else { throw .scratch(operation: "read back", folder: folder, errno: failure) }
        runs[index].next += count
        runs[index].window = window
    }

    /// The index of a (status, groups) pair; a result's rows share a few lists, mostly the same
    /// array (the spool's), which `==` recognises without comparing names.
    private func pair(_ status: String, _ groups: [String]?) -> UInt32 {
        for index in pairLists.indices.prefix(16) where statuses[index] == status && pairLists[index] == groups {
            return UInt32(index)
        }
        let key = PairKey(status: status, groups: groups)
        if let known = pairIndex[key] { return known }
        let index = UInt32(statuses.count)
        statuses.append(status)
        pairLists.append(groups)
        groupTexts.append(groups?.joined(separator: " "))
        pairIndex[key] = index
        return index
    }

    private struct PairKey: Hashable {
        var status: String
        var groups: [String]?
    }

    private struct Unfit: Error {}

    /// The bytes as two big-endian words, zero-padded; nil when longer than 16 or holding a NUL.
    static func words(_ hetu: String) -> (UInt64, UInt64)? {
        var hetu = hetu
        return hetu.withUTF8 { bytes -> (UInt64, UInt64)? in
            guard bytes.count <= 16 else { return nil }
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in 0..<16 {
                let byte = index < bytes.count ? UInt64(bytes[index]) : 0
                if index < bytes.count, byte == 0 { return nil }
                if index < 8 { high |= byte << (56 - 8 * UInt64(index)) } else { low |= byte << (56 - 8 * UInt64(index - 8)) }
            }
            return (high, low)
        }
    }

    /// The henkilötunnus back from its words.
    static func text(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { bytes in
            var count = 0
            while count < 16 {
                let byte = UInt8(truncatingIfNeeded: (count < 8 ? high : low) >> UInt64(56 - 8 * (count % 8)))
                if byte == 0 { break }
                bytes[count] = byte
                count += 1
            }
            return count
        }
    }
}
