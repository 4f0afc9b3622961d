import GRDB

/// Rows inserted ``rowsPerStatement`` to an INSERT and the rest one at a time: GRDB's bookkeeping
/// around a statement's run and its argument array come once per hundred rows, not per row
/// (docs/performance.md, "CPU, eighth round"). The audit's codes and the sorted staging share it.
struct BatchedInsert {
    /// Rows one multi-row INSERT takes.
    static let rowsPerStatement = 100

    private let db: Database
    private let many: Statement
    private let one: Statement
    private let width: Int
    private var values: [DatabaseValue] = []
    /// Rows the statements run so far changed (`INSERT OR IGNORE` skips repeats).
    private(set) var changes = 0

    /// `prefix` is the statement up to `VALUES ` (`INSERT OR IGNORE INTO t (a, b) VALUES `); rows have `width` values.
    init(_ db: Database, prefix: String, width: Int) throws {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        many = try db.cachedStatement(sql: prefix + Array(repeating: row, count: Self.rowsPerStatement).joined(separator: ", "))
        one = try db.cachedStatement(sql: prefix + row)
        self.width = width
        self.db = db
        values.reserveCapacity(width * Self.rowsPerStatement)
    }

    /// Adds one row of `width` values; runs the multi-row INSERT when it is full.
    mutating func add(_ row: DatabaseValue...) throws {
        values.append(contentsOf: row)
        if values.count == width * Self.rowsPerStatement {
            try many.execute(arguments: StatementArguments(values))
            changes += db.changesCount
            values.removeAll(keepingCapacity: true)
        }
    }

    /// Inserts the rows left, one at a time.
    mutating func finish() throws {
        for start in stride(from: 0, to: values.count, by: width) {
            try one.execute(arguments: StatementArguments(values[start..<(start + width)]))
            changes += db.changesCount
        }
        values.removeAll(keepingCapacity: true)
    }
}
