/// Validates values one by one and files them as valid, duplicate or rejected, keeping the
/// first-seen order; shared by the list reader and the request document reader.
public struct HetuCollector: Sendable {
    /// Distinct valid values, first-seen order, as their keys (8 bytes a code).
    public var hetus: HetuSequence { HetuSequence(keys: keys) }
    private var keys: [UInt64] = []
    /// The line each of ``hetus`` was first seen on (runs of lines, not 4 bytes a code: ``FirstLines``).
    public private(set) var hetuLines = FirstLines()
    /// Repeats of values already collected.
    public private(set) var duplicates: [DropContent.Duplicate] = []
    /// Values that are not valid, with line and reason.
    public private(set) var rejected: [DropContent.RejectedLine] = []
    /// Accepted values worth a remark (lower case).
    public private(set) var warnings: [DropContent.LineWarning] = []
    /// Values read (valid, duplicate or rejected).
    public private(set) var valueCount = 0
    /// All rejected values; ``rejected`` holds the first ``detailLimit`` of them.
    public private(set) var rejectedCount = 0
    /// All repeats; ``duplicates`` holds the first ``detailLimit`` of them.
    public private(set) var duplicateCount = 0
    /// All warnings; ``warnings`` holds the first ``detailLimit`` of them.
    public private(set) var warningCount = 0
    /// How many rejected values, repeats and warnings are kept in detail. Beyond it they are only
    /// counted: a file of millions of one-character lines must not exhaust memory or the receipt.
    public let detailLimit: Int
    /// Each distinct value's position in ``hetus`` (4 bytes a value, not a dictionary's 24).
    private var firstSeen = FirstSeenIndex()

    public init(detailLimit: Int = 20_000) {
        self.detailLimit = max(0, detailLimit)
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
            let key = hetu.key
            // Read through a buffer, not a copy of the array, which would make the append below copy it whole.
            let first = keys.withUnsafeBufferPointer { stored in
                firstSeen.position(of: key, orFile: stored.count, keyAt: { stored[$0] })
            }
            if let first {
                duplicateCount += 1
                if duplicates.count < detailLimit {
                    duplicates.append(.init(hetu: hetu, line: line, firstLine: Int(hetuLines[first])))
                }
            } else {
                keys.append(key)
                hetuLines.append(line)
            }
            return hetu
        case .failure(let error):
            rejectedCount += 1
            guard rejected.count < detailLimit else { return nil }
            rejected.append(.init(line: line, text: String(reading.cleaned.prefix(40)), reason: error.message, error: error))
            return nil
        }
    }

    /// Files a value that could not be read at all (too long, broken quoting, missing column).
    public mutating func reject(line: Int, text: String, reason: Message) {
        valueCount += 1
        rejectedCount += 1
        guard rejected.count < detailLimit else { return }
        rejected.append(.init(line: line, text: text, reason: reason, error: nil))
    }
}
