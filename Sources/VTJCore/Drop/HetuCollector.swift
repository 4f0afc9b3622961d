/// Validates values one by one and files them as valid, duplicate or rejected, keeping the
/// first-seen order; shared by the list reader and the request document reader.
public struct HetuCollector: Sendable {
    /// Distinct valid values, first-seen order.
    public private(set) var hetus: [Henkilotunnus] = []
    /// The line each of ``hetus`` was first seen on.
    public private(set) var hetuLines: [Int] = []
    /// Repeats of values already collected.
    public private(set) var duplicates: [HetuList.Duplicate] = []
    /// Values that are not valid, with line and reason.
    public private(set) var rejected: [HetuList.RejectedLine] = []
    /// Accepted values worth a remark (lower case).
    public private(set) var warnings: [HetuList.LineWarning] = []
    /// Values read (valid, duplicate or rejected).
    public private(set) var valueCount = 0
    private var firstLines: [Henkilotunnus: Int] = [:]

    public init() {}

    /// Reads one value leniently (``Henkilotunnus/read(_:)``) and files it.
    public mutating func accept(_ value: some StringProtocol, line: Int) {
        valueCount += 1
        let reading = Henkilotunnus.read(value)
        for warning in reading.warnings { warnings.append(.init(line: line, warning: warning)) }
        switch reading.result {
        case .success(let hetu):
            if let first = firstLines[hetu] {
                duplicates.append(.init(hetu: hetu, line: line, firstLine: first))
            } else {
                firstLines[hetu] = line
                hetus.append(hetu)
                hetuLines.append(line)
            }
        case .failure(let error):
            rejected.append(.init(line: line, text: String(reading.cleaned.prefix(40)), reason: error.description, error: error))
        }
    }

    /// Files a value that could not be read at all (too long, broken quoting, missing column).
    public mutating func reject(line: Int, text: String, reason: String) {
        valueCount += 1
        rejected.append(.init(line: line, text: text, reason: reason, error: nil))
    }
}
