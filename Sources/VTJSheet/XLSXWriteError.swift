#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workbook could not be written; one line saying what and what to do.
public enum XLSXWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A system call failed (`errno`), e.g. the disk is full.
    case system(operation: String, path: String, errno: Int32)
    /// The destination already holds something: nothing is ever overwritten.
    case destinationNotEmpty(path: String)
    /// A row beyond Excel's 1,048,576 rows (header included).
    case tooManyRows(limit: Int)
    /// More columns than Excel's 16,384, or none.
    case columnCount(Int)
    /// A row with a different number of cells than there are columns.
    case rowWidth(row: Int, cells: Int, columns: Int)
    /// An XML part could not be written.
    case xml(XMLProblem)
    /// The ZIP container could not be written.
    case container(path: String, reason: String)
    /// ``XLSXWriter/append(_:)`` or ``XLSXWriter/finish()`` after the workbook was finished or failed.
    case finished

    /// libxml2's writer's message, kept as text so the error stays Sendable and Hashable.
    public struct XMLProblem: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public var description: String {
        switch self {
        case .system(let operation, let path, let code):
            "\(operation) \(path) failed: \(String(cString: strerror(code))); check the disk and the folder's permissions"
        case .destinationNotEmpty(let path):
            "\(path) is not empty; a workbook is only written into a new, empty file"
        case .tooManyRows(let limit):
            "the result has more rows than a worksheet holds (\(limit), header included); ask for a CSV result instead"
        case .columnCount(let count):
            "a worksheet needs 1 to \(CellReference.excelColumns) columns, not \(count); ask for a CSV result instead"
        case .rowWidth(let row, let cells, let columns):
            "row \(row) has \(cells) cells for \(columns) columns (a program error: every row has one cell per column)"
        case .xml(let problem):
            "writing the workbook's XML failed: \(problem); check the disk"
        case .container(let path, let reason):
            "writing the workbook \(path) failed: \(reason); check the disk"
        case .finished:
            "the workbook is already finished (or failed); start a new one"
        }
    }
}
