/// The second pass over a list read in chunks (``DropTextScan`` found it UTF-8 throughout): the
/// lines of each chunk read as ``HetuListReader`` reads a whole plain list, a line a chunk's end
/// cut carried into the next, so only a chunk and the collected codes are held (issue 15 goal 3:
/// 12 MB less at 1,000,000 lines). The dialect is decided from the first chunks' complete lines;
/// a list that is not a plain one (CSV, a header-less table) or whose start does not decide it
/// is read whole instead (``add(_:)`` returns false), with the same result either way.
public struct HetuListStream: Sendable {
    private let reader: HetuListReader
    private let file: String
    private let encoding: TextEncoding
    /// BOM bytes still to skip.
    private var skip: Int
    /// The bytes after the last complete line.
    private var carried: [UInt8] = []
    private var list: DropContent?
    private var collector = HetuCollector()
    private var number = 0
    /// How many bytes the dialect may wait for before the list is read whole after all.
    private let decideWithin: Int

    /// A stream of a file ``DropTextScan`` found to be in `encoding` (UTF-8, with a BOM or not), of
    /// `size` bytes (the collector's room is reserved from it: a code takes at least 12 of them).
    public init(reader: HetuListReader = HetuListReader(), encoding: TextEncoding, size: Int, file: String,
                decideWithin: Int = 1 << 20) {
        self.reader = reader
        self.file = file
        self.encoding = encoding
        self.decideWithin = decideWithin
        skip = encoding == .utf8BOM ? 3 : 0
        // Reserved, not touched: untouched pages of a large block are not resident, and the array
        // never doubles (a 4 MB copy beside the 8 MB at 1,000,000 codes).
        collector.reserveCapacity(size / 12 + 1)
    }

    /// The next chunk (`isLast`: the file ends with it). False: not a plain list, or its dialect
    /// was not decided within the first bytes: read the file whole.
    public mutating func add(_ chunk: [UInt8], isLast: Bool) throws(DropReadError) -> Bool {
        var bytes = carried
        carried = []
        let dropped = min(skip, chunk.count)
        skip -= dropped
        bytes += chunk[dropped...]
        let cut = isLast ? bytes.count : Self.lastLineEnd(in: bytes)
        guard cut > 0 else {
            carried = bytes
            return list != nil || carried.count <= decideWithin
        }
        let lines = LineCursor(bytes: cut == bytes.count ? bytes : Array(bytes[..<cut]))
        if list == nil {
            // A whole read decides on the first content line and the rows after it; with complete
            // lines of the start only a plain list is decided alike (by that one line).
            guard let decided = try? reader.detectDialect(lines, file: file) else {
                if isLast || bytes.count > decideWithin { return false }
                carried = bytes
                return true
            }
            guard case .plain = decided.0 else { return false }
            list = DropContent(encoding: encoding, dialect: .plain)
        }
        reader.readPlain(lines, number: &number, into: &list!, collector: &collector)
        if cut < bytes.count { carried = Array(bytes[cut...]) }
        return true
    }

    /// The list, once the last chunk was added.
    public mutating func finish() throws(DropReadError) -> DropContent {
        guard var list else {
            throw DropReadError(file: file, kind: .empty, message: Message(.readNoHetuLines))
        }
        list.lineCount = number
        list.take(&collector)
        guard list.valueLines > 0 else {
            throw DropReadError(file: file, kind: .empty, message: Message(.readNoHetuLines))
        }
        return list
    }

    /// Where the bytes' last complete line ends (after its LF, CRLF or a CR known not to start a
    /// CRLF), 0 when none is complete.
    static func lastLineEnd(in bytes: [UInt8]) -> Int {
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == 0x0A { return index + 1 }
            if bytes[index] == 0x0D && index + 1 < bytes.count { return index + 1 }
            index -= 1
        }
        return 0
    }
}
