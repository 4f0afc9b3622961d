import Glibc
import VTJSheet

/// The disclosure log's rows of one result while it is written: one row per person, in a nameless
/// scratch file, read back when the result is complete (``DisclosedPersonSource``; staged into the
/// audit log, ``AuditLog/stageDisclosure(dropID:at:persons:scratchFolder:chunkSize:committed:pace:)``), so a
/// list of 1,000,000 persons holds a few bytes of each in memory, not a `DisclosedPerson` each.
///
/// The file has no name (VTJSheet's `SheetSpool`, as `SheetRowSpool` uses: `O_TMPFILE`, or unlinked
/// at once where a file system cannot): a crash
/// leaves nothing behind and nothing half-recorded, because the rows become a disclosure only in
/// the one transaction that also journals `published` (``StateDatabase/recordPublication``), and a
/// walk resumed after a crash writes its rows again. Readable by the owner only.
///
/// A row is never rewritten in the file: a later word on a person already filed (a contradicted
/// answer withdrawn, ``replace(row:with:)``) is kept in memory — a few persons — and read back in
/// the row's place.
final class DisclosureSpool: DisclosedPersonSource {
    /// The scratch file, closed when the spool is gone.
    private let spool: SheetSpool
    private var descriptor: Int32 { spool.descriptor }
    private let folder: String
    private var buffer: [UInt8] = []
    /// The few distinct statuses and group lists, stored once; a row names them by index.
    /// (Two or three statuses: found by comparison, not hashing.)
    private var statuses: [String] = []
    private var groupLists: [[String]] = []
    private var groupListIndex: [[String]: UInt32] = [:]
    /// The same lists by their bits, so a person's is found by a word, not by hashing its names.
    private var groupListByBits: [UInt64: UInt32] = [:]
    private var replacements: [Int: DisclosedPerson] = [:]
    /// Rows filed, each a distinct person.
    private(set) var count = 0

    private static let noGroups = UInt32.max

    /// A scratch file in `folder` (the state folder's `tmp`).
    init(folder: String) throws(StorageError) {
        self.folder = folder
        do {
            spool = try SheetSpool(folder: folder)
        } catch {
            guard case .system(_, _, let code) = error else { throw .scratch(operation: "create", folder: folder, errno: EIO) }
            throw .scratch(operation: "create", folder: folder, errno: code)
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Files a person not filed before; their row is ``count`` - 1.
    func append(_ person: DisclosedPerson) throws(StorageError) {
        try append(hetu: person.hetu, status: index(ofStatus: person.status),
                   groups: person.groups.map(index(ofGroups:)) ?? Self.noGroups)
    }

    /// The same as a ``DisclosedPerson`` of `groups.sortedNames`, without naming them per person.
    func append(hetu: String, status: String, groups: DisclosedGroups) throws(StorageError) {
        try append(hetu: hetu, status: index(ofStatus: status), groups: index(ofGroups: groups))
    }

    private func append(hetu: String, status: UInt16, groups: UInt32) throws(StorageError) {
        var hetu = hetu
        hetu.withUTF8 { bytes in
            let length = min(bytes.count, Int(UInt16.max))
            Self.put(UInt16(length), into: &buffer)
            buffer.append(contentsOf: bytes.prefix(length))
        }
        Self.put(status, into: &buffer)
        Self.put(groups, into: &buffer)
        count += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// What the result finally says of the person in `row` (the last word stands).
    func replace(row: Int, with person: DisclosedPerson) {
        precondition(row >= 0 && row < count, "a replacement names a row that was filed")
        replacements[row] = person
    }

    var personCount: Int { count }

    /// Every row in the order filed, a replaced row as its replacement.
    func forEachPerson(_ body: (DisclosedPerson) throws -> Void) throws {
        var cursor = Cursor()
        while true {
            let persons = try read(&cursor, atMost: 4096)
            guard !persons.isEmpty else { return }
            for person in persons { try body(person) }
        }
    }

    /// Where a reading of the rows stands (a value, so an owner can read a batch at a time under its lock).
    struct Cursor: Sendable {
        fileprivate var reader: Reader?
        fileprivate var row = 0
    }

    /// The next rows from `cursor` on, at most `limit` (none once all were read).
    func read(_ cursor: inout Cursor, atMost limit: Int) throws(StorageError) -> [DisclosedPerson] {
        if cursor.reader == nil {
            try flush()
            cursor.reader = Reader(descriptor: descriptor, folder: folder)
        }
        var persons: [DisclosedPerson] = []
        while cursor.row < count, persons.count < limit {
            let length = Int(try cursor.reader!.integer(UInt16.self))
            let hetu = String(decoding: try cursor.reader!.bytes(length), as: UTF8.self)
            let status = Int(try cursor.reader!.integer(UInt16.self))
            let groups = try cursor.reader!.integer(UInt32.self)
            defer { cursor.row += 1 }
            if let replacement = replacements[cursor.row] {
                persons.append(replacement)
                continue
            }
            guard status < statuses.count, groups == Self.noGroups || Int(groups) < groupLists.count else {
                throw .scratch(operation: "read back", folder: folder, errno: EIO)
            }
            persons.append(DisclosedPerson(hetu: hetu, status: statuses[status],
                                           groups: groups == Self.noGroups ? nil : groupLists[Int(groups)]))
        }
        return persons
    }

    private func index(ofStatus status: String) -> UInt16 {
        if let known = statuses.firstIndex(of: status) { return UInt16(known) }
        statuses.append(status)
        return UInt16(statuses.count - 1)
    }

    private func index(ofGroups groups: DisclosedGroups) -> UInt32 {
        if let known = groupListByBits[groups.bits] { return known }
        let index = index(ofGroups: groups.sortedNames)
        groupListByBits[groups.bits] = index
        return index
    }

    private func index(ofGroups groups: [String]) -> UInt32 {
        if let known = groupListIndex[groups] { return known }
        let index = UInt32(groupLists.count)
        groupLists.append(groups)
        groupListIndex[groups] = index
        return index
    }

    private func flush() throws(StorageError) {
        if let failed = DescriptorWrite.all(buffer, to: descriptor) {
            throw .scratch(operation: "write", folder: folder, errno: failed)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func put<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The file from its start, through a 64 KiB window.
    fileprivate struct Reader: Sendable {
        let descriptor: Int32
        let folder: String
        var window: [UInt8] = []
        var at = 0
        var offset: off_t = 0

        init(descriptor: Int32, folder: String) {
            self.descriptor = descriptor
            self.folder = folder
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(StorageError) -> T {
            var value: T = 0
            for (shift, byte) in try bytes(MemoryLayout<T>.size).enumerated() { value |= T(byte) << (shift * 8) }
            return value
        }

        mutating func bytes(_ count: Int) throws(StorageError) -> ArraySlice<UInt8> {
            if window.count - at < count {
                var next = Array(window[at...])
                let want = max(count, 1 << 16)
                next.reserveCapacity(next.count + want)
                var chunk = [UInt8](repeating: 0, count: want)
                var got = 0
                while got < want {
                    let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + got, want - got, offset + off_t(got)) }
                    if read < 0 && errno == EINTR { continue }
                    guard read >= 0 else { throw .scratch(operation: "read back", folder: folder, errno: errno) }
                    if read == 0 { break }
                    got += read
                }
                offset += off_t(got)
                next.append(contentsOf: chunk[..<got])
                window = next
                at = 0
                guard window.count >= count else { throw .scratch(operation: "read back", folder: folder, errno: EIO) }
            }
            defer { at += count }
            return window[at..<(at + count)]
        }
    }
}
