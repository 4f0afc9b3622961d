/// Where a renderer puts a row's cells: into a list (``CSVRenderer/cells(_:)``, for typed
/// formats) or straight into the encoded line (``CSVRenderer/row(_:)``), so that a wide row
/// never becomes an array of hundreds of mostly empty strings on its way to bytes.
protocol CSVCellSink {
    mutating func cell(_ value: String)
    mutating func emptyCells(_ count: Int)
}

/// Collects the cells.
struct CSVCellList: CSVCellSink {
    var cells: [String] = []

    mutating func cell(_ value: String) { cells.append(value) }
    mutating func emptyCells(_ count: Int) { cells.append(contentsOf: repeatElement("", count: count)) }
}

/// Encodes the cells as they come (an empty cell is only its delimiter).
struct CSVLineWriter: CSVCellSink {
    let encoder: CSVEncoder
    var bytes: [UInt8] = []
    private var first = true

    init(encoder: CSVEncoder, capacity: Int) {
        self.encoder = encoder
        bytes.reserveCapacity(capacity)
    }

    mutating func cell(_ value: String) {
        if first { first = false } else { encoder.appendDelimiter(to: &bytes) }
        encoder.appendCell(value, to: &bytes)
    }

    mutating func emptyCells(_ count: Int) {
        guard count > 0 else { return }
        var left = count
        if first {
            first = false
            left -= 1
        }
        encoder.appendDelimiters(left, to: &bytes)
    }

    /// The line with its ending.
    mutating func finish() -> [UInt8] {
        encoder.appendLineEnding(to: &bytes)
        return bytes
    }
}
