/// The line each distinct code of a list was first seen on, by the code's place in the list.
///
/// The lines only grow, and in most lists by one a code (a list of distinct codes, no blank lines):
/// held as the places where the gap between place and line changes, 8 bytes each, not 4 bytes a
/// code (a list of 1,000,000 distinct codes: a few bytes, not 4 MB while it is read; issue 15
/// goal 3). A list whose gaps change at most places is held line by line, never more than 4 bytes a code.
public struct FirstLines: Sequence, Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Where each run of equal gaps starts (a place) and its gap (line - place - 1).
    private var runStarts: [UInt32] = []
    private var runGaps: [UInt32] = []
    /// Line by line, once runs would hold more than that.
    private var dense: [UInt32]?
    /// How many codes.
    public private(set) var count = 0

    public init() {}

    /// Lines given in order (each greater than the one before).
    public init(_ lines: [UInt32]) {
        for line in lines { append(Int(line)) }
    }

    /// The next code's first line: greater than every line appended before.
    public mutating func append(_ line: Int) {
        defer { count += 1 }
        if dense != nil {
            dense!.append(UInt32(truncatingIfNeeded: line))
            return
        }
        let gap = UInt32(truncatingIfNeeded: line - count - 1)
        guard runGaps.last != gap else { return }
        // Two 4-byte numbers a run: past one run a code, line by line is smaller.
        if runStarts.count >= 1024, runStarts.count * 2 > count {
            var lines = Array(self)
            lines.append(UInt32(truncatingIfNeeded: line))
            dense = lines
            runStarts = []
            runGaps = []
            return
        }
        runStarts.append(UInt32(truncatingIfNeeded: count))
        runGaps.append(gap)
    }

    public init(arrayLiteral lines: UInt32...) { self.init(lines) }

    public var isEmpty: Bool { count == 0 }

    public var underestimatedCount: Int { count }

    /// The same lines, however they are held.
    public static func == (lhs: FirstLines, rhs: FirstLines) -> Bool { lhs.count == rhs.count && lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for line in self { hasher.combine(line) }
    }

    /// The first line of the code at `place` (0 ..< ``count``).
    public subscript(place: Int) -> UInt32 {
        if let dense { return dense[place] }
        // The last run starting at or before `place`.
        var low = 0
        var high = runStarts.count
        while low < high {
            let middle = (low + high) / 2
            if Int(runStarts[middle]) <= place { low = middle + 1 } else { high = middle }
        }
        return UInt32(truncatingIfNeeded: place + 1) &+ runGaps[low - 1]
    }

    public func makeIterator() -> AnyIterator<UInt32> {
        var place = 0
        return AnyIterator {
            guard place < count else { return nil }
            defer { place += 1 }
            return self[place]
        }
    }
}
