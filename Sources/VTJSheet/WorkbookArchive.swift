import Foundation
import ZIPFoundation

/// A workbook's ZIP container read in memory only, every entry within the limits: nothing is
/// ever extracted to disk, so an entry named `../../etc/passwd` is just a name that no
/// workbook part is looked up by.
final class WorkbookArchive {
    private let archive: Archive
    /// Entries by lower-cased name (package part names compare without case, ECMA-376 part 2).
    private let entries: [String: Entry]
    private let limits: XLSXLimits
    /// Bytes still allowed to be unpacked.
    private var budget: Int

    static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let endSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    init(bytes: [UInt8], limits: XLSXLimits) throws(XLSXReadError) {
        self.limits = limits
        self.budget = limits.maximumUncompressedBytes
        let claimed = try WorkbookArchive.claimedEntryCount(bytes, limit: limits.maximumEntries)
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .damaged("its ZIP directory cannot be read")
        }
        var entries: [String: Entry] = [:]
        var count = 0
        // ZIPFoundation stops listing at an encrypted entry or a broken directory record.
        for entry in archive {
            count += 1
            guard count <= limits.maximumEntries else { throw .tooManyEntries(limit: limits.maximumEntries) }
            let key = entry.path.lowercased()
            guard entries.updateValue(entry, forKey: key) == nil else {
                throw .damaged("two parts are named \(WorkbookArchive.shown(entry.path)) (a tampered file?)")
            }
        }
        if let claimed, count < claimed {
            throw .damaged("\(claimed - count) of its \(claimed) parts are encrypted or unreadable")
        }
        self.entries = entries
    }

    /// The entry count the end record claims (nil for a ZIP64 archive, whose real count
    /// ZIPFoundation reads), so a directory of a million entries is refused before it is read.
    /// Only the end record's possible places are searched (the last 65,557 bytes).
    private static func claimedEntryCount(_ bytes: [UInt8], limit: Int) throws(XLSXReadError) -> Int? {
        guard bytes.count >= 22 else { throw .damaged("it is too short to be a ZIP archive (cut short?)") }
        let earliest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= earliest {
            if bytes[offset] == 0x50, bytes[offset..<offset + 4].elementsEqual(endSignature) {
                let entries = Int(bytes[offset + 10]) | Int(bytes[offset + 11]) << 8
                if entries == 0xFFFF { return nil }
                guard entries <= limit else { throw .tooManyEntries(limit: limit) }
                return entries
            }
            offset -= 1
        }
        throw .damaged("it has no ZIP directory (cut short?)")
    }

    /// Whether a part is present.
    func contains(_ path: String) -> Bool { entries[path.lowercased()] != nil }

    /// Whether any part's name ends with `suffix` (compared without case).
    func containsPart(endingWith suffix: String) -> Bool {
        entries.keys.contains { $0.hasSuffix(suffix.lowercased()) }
    }

    /// A part's bytes, nil when absent. Counted against the limits while it is inflated, so a
    /// lying size in the directory buys nothing.
    func read(_ path: String) throws(XLSXReadError) -> [UInt8]? {
        guard let entry = entries[path.lowercased()] else { return nil }
        let shown = WorkbookArchive.shown(path)
        guard entry.type == .file else { throw .damaged("\(shown) is not a file") }
        let packed = max(1, Int(clamping: entry.compressedSize))
        let ratioLimit = limits.maximumCompressionRatio
        let grace = limits.ratioGraceBytes
        func ratioRefusal(_ size: Int) -> XLSXReadError? {
            size > grace && size / packed >= ratioLimit ? .compressionRatio(part: shown, limit: ratioLimit) : nil
        }
        guard Int(clamping: entry.uncompressedSize) <= budget else {
            throw .tooLarge(part: shown, limit: limits.maximumUncompressedBytes)
        }
        if let refusal = ratioRefusal(Int(clamping: entry.uncompressedSize)) { throw refusal }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: min(entry.uncompressedSize, UInt64(limits.ratioGraceBytes))))
        var refusal: XLSXReadError?
        var checksum: CRC32 = 0
        do {
            checksum = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                guard bytes.count + chunk.count <= self.budget else {
                    refusal = .tooLarge(part: shown, limit: self.limits.maximumUncompressedBytes)
                    throw CancellationError()
                }
                if let tooPacked = ratioRefusal(bytes.count + chunk.count) {
                    refusal = tooPacked
                    throw CancellationError()
                }
                bytes.append(contentsOf: chunk)
            }
        } catch {
            if let refusal { throw refusal }
            if case Archive.ArchiveError.invalidCRC32 = error { throw .damaged("\(shown) fails its checksum") }
            throw .damaged("\(shown) cannot be unpacked")
        }
        // ZIPFoundation computes the checksum of what it hands out; comparing is the caller's.
        guard checksum == entry.checksum else { throw .damaged("\(shown) fails its checksum") }
        budget -= bytes.count
        return bytes
    }

    /// A part name for messages: printable, at most 60 characters.
    static func shown(_ path: String) -> String {
        let printable = String(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return printable.count > 60 ? String(printable.prefix(60)) + "…" : printable
    }
}
