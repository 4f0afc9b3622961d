/// Reads a TZif file's headers, data blocks and footer (RFC 8536 section 3), all big-endian.
struct TZifReader {
    /// A header's version and counts.
    struct Header {
        let version: Int
        let isUTCCount, isStandardCount, leapCount, timeCount, typeCount, characterCount: Int

        /// The data block's length in bytes, with transition times of `timeSize` bytes.
        func blockLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + characterCount
                + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    /// The parts of a data block the offsets need.
    struct Block {
        let transitions: [Int64]
        let typeIndices: [UInt8]
        let typeOffsets: [Int32]
    }

    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func header() throws(ZoneFileError) -> Header {
        guard bytes.count - index >= 44 else { throw index == 0 ? .notTZif : .truncated }
        guard bytes[index..<index + 4].elementsEqual("TZif".utf8) else { throw .notTZif }
        let versionByte = bytes[index + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
        index += 20
        var counts: [Int] = []
        for _ in 0..<6 { counts.append(Int(try integer(size: 4))) }
        return Header(version: version, isUTCCount: counts[0], isStandardCount: counts[1], leapCount: counts[2],
                      timeCount: counts[3], typeCount: counts[4], characterCount: counts[5])
    }

    mutating func skip(_ length: Int) throws(ZoneFileError) {
        guard bytes.count - index >= length else { throw .truncated }
        index += length
    }

    mutating func block(_ header: Header, timeSize: Int) throws(ZoneFileError) -> Block {
        guard bytes.count - index >= header.blockLength(timeSize: timeSize) else { throw .truncated }
        var transitions: [Int64] = []
        transitions.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount { transitions.append(try integer(size: timeSize)) }
        let indices = Array(bytes[index..<index + header.timeCount])
        index += header.timeCount
        var offsets: [Int32] = []
        for _ in 0..<header.typeCount {
            offsets.append(Int32(truncatingIfNeeded: try integer(size: 4)))
            index += 2  // isdst, abbreviation index
        }
        guard indices.allSatisfy({ Int($0) < offsets.count }) else { throw .badTypeIndex }
        index += header.characterCount + header.leapCount * (timeSize + 4) + header.isStandardCount + header.isUTCCount
        return Block(transitions: transitions, typeIndices: indices, typeOffsets: offsets)
    }

    /// The text between the newlines after the version-2 block (empty when there is none).
    mutating func footer() throws(ZoneFileError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\n") else { return "" }
        guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { throw .truncated }
        let text = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        return text
    }

    /// A signed big-endian integer of `size` bytes (4 or 8).
    private mutating func integer(size: Int) throws(ZoneFileError) -> Int64 {
        guard bytes.count - index >= size else { throw .truncated }
        var value: UInt64 = 0
        for byte in bytes[index..<index + size] { value = value << 8 | UInt64(byte) }
        index += size
        return size == 4 ? Int64(Int32(truncatingIfNeeded: value)) : Int64(bitPattern: value)
    }
}
