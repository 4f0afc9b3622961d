/// Validates values one by one and files them as valid, duplicate or rejected, keeping the
/// first-seen order; shared by the list reader and the request document reader. Repeats are
/// found when the list is read (``finish()``), by sorting it (``ListRepeats``).
public struct HetuCollector: Sendable {
    /// Distinct valid values, first-seen order (held compactly: ``HetuSequence``); after ``finish()``.
    public private(set) var hetus = HetuSequence()
    /// Every valid value packed with its position (``ListRepeats/pack(key:position:)``) until
    /// ``finish()``, then empty.
    private var keys: [UInt64] = []
    /// The line each of ``hetus`` was first seen on (runs of lines, not 4 bytes a code: ``FirstLines``);
    /// until ``finish()`` the line of every valid value.
    public private(set) var hetuLines = FirstLines()
    private var finished = false
    /// Repeats of values already collected; after ``finish()``.
    public private(set) var duplicates: [DropContent.Duplicate] = []
    /// Values that are not valid, with line and reason.
    public private(set) var rejected: [DropContent.RejectedLine] = []
    /// Accepted values worth a remark (lower case).
    public private(set) var warnings: [DropContent.LineWarning] = []
    /// Values read (valid, duplicate or rejected).
    public private(set) var valueCount = 0
    /// All rejected values; ``rejected`` holds the first ``detailLimit`` of them.
    public private(set) var rejectedCount = 0
    /// All repeats; ``duplicates`` holds the first ``detailLimit`` of them; after ``finish()``.
    public private(set) var duplicateCount = 0
    /// All warnings; ``warnings`` holds the first ``detailLimit`` of them.
    public private(set) var warningCount = 0
    /// How many rejected values, repeats and warnings are kept in detail. Beyond it they are only
    /// counted: a file of millions of one-character lines must not exhaust memory or the receipt.
    public let detailLimit: Int

    public init(detailLimit: Int = 20_000) {
        self.detailLimit = max(0, detailLimit)
    }

    /// Room for `count` valid values, reserved at once (a list read in chunks knows its size): the
    /// array of values then never doubles, which held the old and the new array at once.
    public mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(min(count, ListRepeats.capacity))
    }

    /// Reads one value leniently (``Henkilotunnus/read(_:)``) and files it; returns it when valid
    /// (a repeat too), nil when rejected.
    @discardableResult
    public mutating func accept(_ value: some StringProtocol, line: Int) -> Henkilotunnus? {
        valueCount += 1
        let reading = Henkilotunnus.read(value)
        for warning in reading.warnings {
            warningCount += 1
            if warnings.count < detailLimit { warnings.append(.init(line: line, warning: warning)) }
        }
        switch reading.result {
        case .success(let hetu):
            guard keys.count < ListRepeats.capacity else {
                valueCount -= 1
                reject(line: line, text: "", reason: .technical("more than \(ListRepeats.capacity) henkilötunnus in one list: split the list"))
                return nil
            }
            keys.append(ListRepeats.pack(key: hetu.key, position: keys.count))
            hetuLines.append(line)
            return hetu
        case .failure(let error):
            rejectedCount += 1
            guard rejected.count < detailLimit else { return nil }
            rejected.append(.init(line: line, text: String(reading.cleaned.prefix(40)), reason: error.message, error: error))
            return nil
        }
    }

    /// Finds the repeats among the values accepted: ``hetus``, ``hetuLines``, ``duplicates`` and
    /// ``duplicateCount`` are the list's from here on; accepting more values afterwards is a mistake.
    public mutating func finish() {
        guard !finished else { return }
        finished = true
        let allLines = hetuLines
        let found = ListRepeats.resolve(&keys, detailLimit: detailLimit)
        hetus = found.list
        duplicateCount = found.count
        duplicates = found.detail.map { repeated in
            .init(hetu: Henkilotunnus(validKey: repeated.key), line: Int(allLines[repeated.position]),
                  firstLine: Int(allLines[repeated.first]))
        }
        guard found.count > 0 else { return }
        var lines = FirstLines()
        for (position, line) in allLines.enumerated()
        where found.isRepeat[position >> 6] & (1 << UInt64(position & 63)) == 0 {
            lines.append(Int(line))
        }
        hetuLines = lines
    }

    /// Files a value that could not be read at all (too long, broken quoting, missing column).
    public mutating func reject(line: Int, text: String, reason: Message) {
        valueCount += 1
        rejectedCount += 1
        guard rejected.count < detailLimit else { return }
        rejected.append(.init(line: line, text: text, reason: reason, error: nil))
    }
}
