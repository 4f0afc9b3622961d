/// The first pass over a list read in chunks (issue 15 goal 3: a 1,000,000-line list is 12 MB, not
/// held whole): whether the whole file is UTF-8 text that ``DropTextDecoder`` would pass through as
/// it is, decided from each chunk as it goes by, so the second pass (``HetuListStream``) can read it
/// a chunk at a time. Anything else — no bytes, a BOM of UTF-16, a NUL, invalid UTF-8 (Windows-1252),
/// a known binary format, too many control characters — is left to the whole file's reader, which
/// decides and words it exactly as before.
public struct DropTextScan: Sendable {
    /// The file's first bytes (signatures and the BOM).
    private var start: [UInt8] = []
    /// The first bytes until there are three (then scanned: ``begun``).
    private var held: [UInt8] = []
    private var begun = false
    private var seen = 0
    private var sawNUL = false
    private var validUTF8 = true
    /// The bytes of a UTF-8 sequence a chunk's end cut (at most three).
    private var pending: [UInt8] = []
    /// ``DropTextDecoder``'s control character count over the text after the BOM.
    private var controls = DropTextDecoder.ControlCount()

    public init() {}

    /// Bytes passed so far.
    public var byteCount: Int { seen }

    /// The next chunk of the file.
    public mutating func add(_ chunk: [UInt8]) {
        guard !chunk.isEmpty else { return }
        seen += chunk.count
        if !sawNUL && chunk.contains(0) { sawNUL = true }
        if start.count < 8 { start += chunk.prefix(8 - start.count) }
        guard begun else {
            // The first three bytes decide whether a BOM comes first, however small the chunks.
            held += chunk
            if held.count >= 3 { begin() }
            return
        }
        scanText(chunk, from: 0)
    }

    /// After the last chunk: the encoding the whole file's reader would find and keep the bytes in
    /// (UTF-8, with its BOM or without) when nothing in it is refused; nil: read it whole.
    public mutating func finish() -> TextEncoding? {
        if !begun { begin() }
        guard seen > 0, !sawNUL, validUTF8, pending.isEmpty else { return nil }
        // A known binary format or a UTF-16 BOM: the whole read refuses or decodes it.
        if DropTextDecoder.knownBinaryFormat(start) != nil || start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return nil
        }
        guard !controls.tooMany else { return nil }
        return start.starts(with: Self.bom) ? .utf8BOM : .utf8
    }

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private mutating func begin() {
        begun = true
        let bytes = held
        held = []
        // The BOM is no part of the text: neither validated nor counted.
        scanText(bytes, from: bytes.starts(with: Self.bom) ? 3 : 0)
    }

    private mutating func scanText(_ chunk: [UInt8], from: Int) {
        guard validUTF8, from < chunk.count else { return }
        count(chunk, from: from)
        validate(chunk, from: from)
    }

    /// ``DropTextDecoder``'s control character rule, byte by byte as it counts them.
    private mutating func count(_ chunk: [UInt8], from: Int) {
        for index in from..<chunk.count { controls.add(chunk[index]) }
    }

    /// Strict UTF-8 (``UTF8Scan``) across chunk ends: a sequence the end cut is finished with the next chunk.
    private mutating func validate(_ chunk: [UInt8], from: Int) {
        var index = from
        if !pending.isEmpty {
            let need = UTF8Scan.sequenceLength(lead: pending[0]) - pending.count
            let available = min(need, chunk.count - from)
            pending += chunk[from..<(from + available)]
            guard available == need else {
                validUTF8 = pending.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
                return
            }
            let (scalar, length) = UTF8Scan.scalar(in: pending, at: 0)
            guard scalar != nil, length == pending.count else {
                validUTF8 = false
                return
            }
            pending = []
            index += need
        }
        while index < chunk.count {
            if chunk[index] < 0x80 {
                index += 1
                continue
            }
            let expected = UTF8Scan.sequenceLength(lead: chunk[index])
            if expected > 1 && index + expected > chunk.count {
                // Cut by the chunk's end: finished (and judged) with the next chunk's first bytes.
                pending = Array(chunk[index...])
                validUTF8 = pending.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
                return
            }
            let (scalar, length) = UTF8Scan.scalar(in: chunk, at: index)
            guard scalar != nil else {
                validUTF8 = false
                return
            }
            index += length
        }
    }
}
