import Glibc
import VTJSheet

/// A workbook result's rows while they arrive, in a nameless scratch file: each row's cells
/// length-prefixed. The workbook is only written at the end (``replay(skipping:_:)``), because a
/// person whose copies contradict each other must be taken out again, as the CSV path excises
/// its rows, and a written sheet cannot lose a row.
final class SheetRowSpool {
    /// The scratch file (VTJSheet's, as the workbook writer's own rows use).
    private let spool: SheetSpool
    private var descriptor: Int32 { spool.descriptor }
    private let folder: String
    private var buffer: [UInt8] = []
    /// Bytes appended so far (a row's start offset, for excising it).
    private(set) var byteCount: Int64 = 0

    /// A scratch file in `folder` (the outbox's temporary folder), readable by the owner only.
    init(folder: String) throws(DeliveryError) {
        self.folder = folder
        do {
            spool = try SheetSpool(folder: folder)
        } catch {
            guard case .system(_, _, let code) = error else { throw .system(operation: "creating a scratch file in", path: folder, errno: EIO) }
            throw .system(operation: "creating a scratch file in", path: folder, errno: code)
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends one row.
    func append(_ cells: [String]) throws(DeliveryError) {
        let start = buffer.count
        Self.put(UInt32(cells.count), into: &buffer)
        for cell in cells {
            Self.put(UInt32(cell.utf8.count), into: &buffer)
            buffer.append(contentsOf: cell.utf8)
        }
        byteCount += Int64(buffer.count - start)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Every row in order, except those starting inside `skipping` (byte ranges of ``byteCount``).
    func replay(skipping: [Range<Int64>], _ body: ([String]) throws -> Void) throws {
        try flush()
        var reader = Reader(descriptor: descriptor, folder: folder)
        var offset: Int64 = 0
        while offset < byteCount {
            let start = offset
            let count = Int(try reader.word(&offset))
            var cells: [String] = []
            cells.reserveCapacity(count)
            for _ in 0..<count {
                let length = Int(try reader.word(&offset))
                cells.append(String(decoding: try reader.bytes(length, &offset), as: UTF8.self))
            }
            if !skipping.contains(where: { $0.contains(start) }) { try body(cells) }
        }
    }

    private func flush() throws(DeliveryError) {
        if let failed = DescriptorWrite.all(buffer, to: descriptor) {
            throw .system(operation: "writing the scratch rows in", path: folder, errno: failed)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func put(_ value: UInt32, into bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Sequential reads through a 64 KiB window.
    private struct Reader {
        let descriptor: Int32
        let folder: String
        var window: [UInt8] = []
        var windowStart: Int64 = 0

        init(descriptor: Int32, folder: String) {
            self.descriptor = descriptor
            self.folder = folder
        }

        mutating func word(_ offset: inout Int64) throws(DeliveryError) -> UInt32 {
            let bytes = try self.bytes(4, &offset)
            let at = bytes.startIndex
            return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }

        mutating func bytes(_ count: Int, _ offset: inout Int64) throws(DeliveryError) -> ArraySlice<UInt8> {
            let end = offset + Int64(count)
            if offset < windowStart || end > windowStart + Int64(window.count) {
                let size = max(count, 1 << 16)
                var chunk = [UInt8](repeating: 0, count: size)
                var got = 0
                while got < size {
                    let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + got, size - got, off_t(offset) + off_t(got)) }
                    if read < 0 && errno == EINTR { continue }
                    guard read >= 0 else { throw .system(operation: "reading the scratch rows in", path: folder, errno: errno) }
                    if read == 0 { break }
                    got += read
                }
                guard got >= count else { throw .system(operation: "reading the scratch rows in", path: folder, errno: EIO) }
                window = Array(chunk[..<got])
                windowStart = offset
            }
            let from = Int(offset - windowStart)
            offset = end
            return window[from..<(from + count)]
        }
    }
}
