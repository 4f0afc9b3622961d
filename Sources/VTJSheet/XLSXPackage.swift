import Foundation
import ZIPFoundation

/// The ZIP container of a written workbook: small parts from memory, the sheet streamed from
/// its head, the spooled rows and its tail, all deflated by ZIPFoundation.
struct XLSXPackage {
    struct Part {
        let path: String
        let bytes: [UInt8]
    }

    /// The worksheet, whose rows are read back from the scratch file in chunks.
    struct Sheet {
        let path: String
        let head: [UInt8]
        let spool: SheetSpool
        let spoolBytes: Int64
        let tail: [UInt8]

        var size: Int64 { Int64(head.count) + spoolBytes + Int64(tail.count) }

        /// Exactly `count` bytes from `position` of head + rows + tail.
        func bytes(at position: Int64, count: Int) throws(XLSXWriteError) -> Data {
            var data = Data(capacity: count)
            var position = position
            var left = count
            while left > 0 {
                let headCount = Int64(head.count)
                if position < headCount {
                    let end = Int(min(headCount, position + Int64(left)))
                    data.append(contentsOf: head[Int(position)..<end])
                    left -= end - Int(position)
                    position = Int64(end)
                } else if position < headCount + spoolBytes {
                    let take = Int(min(Int64(left), headCount + spoolBytes - position))
                    data.append(contentsOf: try spool.read(at: position - headCount, count: take))
                    left -= take
                    position += Int64(take)
                } else {
                    let start = Int(position - headCount - spoolBytes)
                    let end = min(tail.count, start + left)
                    guard start < end else { throw .xml(.init("the sheet is shorter than announced")) }
                    data.append(contentsOf: tail[start..<end])
                    left -= end - start
                    position += Int64(end - start)
                }
            }
            return data
        }
    }

    let parts: [Part]
    let sheet: Sheet
    /// ZIPFoundation's chunk for reading the sheet and deflating.
    static let chunk = 64 * 1024

    /// Writes the package into `descriptor` (an empty file), then checks that the file ends
    /// with a complete ZIP directory: ZIPFoundation's last flush is not checked, and a full disk
    /// must not pass as a workbook.
    static func write(_ package: XLSXPackage, into descriptor: Int32, documentName: String) throws(XLSXWriteError) {
        // An empty ZIP (just its end record) to open in update mode: `.create` would make a new
        // file with the process's umask instead of writing into the one the caller prepared.
        let empty: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        guard empty.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == empty.count else {
            throw .system(operation: "writing", path: documentName, errno: errno)
        }
        do {
            // The descriptor's own file, whatever its name is now (or whether it has one).
            #if os(Linux)
            let own = "/proc/self/fd/\(descriptor)"
            #else
            let own = "/dev/fd/\(descriptor)"
            #endif
            let archive = try Archive(url: URL(fileURLWithPath: own), accessMode: .update)
            for part in package.parts {
                let data = Data(part.bytes)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate, bufferSize: chunk) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            let sheet = package.sheet
            try archive.addEntry(with: sheet.path, type: .file, uncompressedSize: sheet.size,
                                 compressionMethod: .deflate, bufferSize: chunk) { position, size in
                try sheet.bytes(at: position, count: size)
            }
        } catch let error as XLSXWriteError {
            throw error
        } catch {
            throw .container(path: documentName, reason: "\(error)")
        }
        try checkDirectory(descriptor, entries: package.parts.count + 1, documentName: documentName)
    }

    /// The file ends with an end-of-directory record for `entries` entries whose directory
    /// ends right before it.
    private static func checkDirectory(_ descriptor: Int32, entries: Int, documentName: String) throws(XLSXWriteError) {
        let size = lseek(descriptor, 0, SEEK_END)
        var record = [UInt8](repeating: 0, count: 22)
        guard size >= 22, record.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 22, size - 22) }) == 22 else {
            throw .container(path: documentName, reason: "the written file is incomplete (disk full?)")
        }
        func number(_ offset: Int, _ width: Int) -> Int {
            (0..<width).reduce(0) { $0 | Int(record[offset + $1]) << (8 * $1) }
        }
        guard record.starts(with: [0x50, 0x4B, 0x05, 0x06]), number(10, 2) == entries,
              number(16, 4) + number(12, 4) + 22 == Int(size) else {
            throw .container(path: documentName, reason: "the written file does not end with its ZIP directory (disk full?)")
        }
    }
}
