#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The field names of one answer, each made into a `String` once and shared by every field of
/// that name, as the XML reader shares its element names: an answer repeats a few dozen keys for
/// every person, and a key of more than 15 bytes was a heap string per field, made, retained and
/// freed again (issue 15). The table is bounded: past ``capacity`` names (an answer of unusual
/// keys) a key is made per field as before. A name is exactly what ``JSONReader/keyString()`` gives.
struct JSONKeyNames {
    /// Names kept at most; the table has twice as many slots, so a probe ends soon.
    static let capacity = 512
    private static let slotCount = 2 * capacity

    /// Per slot: the key's hash with the top bit set (0: empty), its bytes' place in `bytes`, its name.
    private var hashes = [UInt64](repeating: 0, count: slotCount)
    private var places = [(start: Int, count: Int)](repeating: (0, 0), count: slotCount)
    private var names = [String](repeating: "", count: slotCount)
    private var bytes: [UInt8] = []
    private var kept = 0

    /// The last key `reader` read, as a string shared with every earlier key of the same bytes.
    mutating func name(of reader: JSONReader) -> String {
        let key = UnsafeBufferPointer(start: UnsafePointer(reader.keyBuffer), count: reader.keyCount)
        let hash = Self.hash(key) | 1 << 63
        var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
        while hashes[slot] != 0 {
            if hashes[slot] == hash, equal(places[slot], key) { return names[slot] }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        let name = reader.keyString()
        guard kept < Self.capacity else { return name }
        hashes[slot] = hash
        places[slot] = (bytes.count, key.count)
        names[slot] = name
        bytes.append(contentsOf: key)
        kept += 1
        return name
    }

    private func equal(_ place: (start: Int, count: Int), _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard place.count == key.count else { return false }
        guard let given = key.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + place.start, given, key.count) == 0 }
    }

    /// FNV-1a over the key's bytes (keys are short: a word at a time would need more care than it saves).
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash ^ hash >> 29
    }
}
