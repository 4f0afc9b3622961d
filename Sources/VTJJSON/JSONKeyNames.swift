#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The field names of one answer, each made into a `String` once and shared by every field of
/// that name, as the XML reader shares its element names: an answer repeats a few dozen keys for
/// every person, and a key of more than 15 bytes was a heap string per field, made, retained and
/// freed again (issue 15). A direct-mapped cache of ``slotCount`` keys of up to ``maxBytes``
/// bytes: a key that misses (longer, new, or displaced) is made as before and takes the slot. A
/// name is always exactly what ``JSONReader/keyString()`` gives for the key.
///
/// Storage behind pointers, not arrays in a class: array properties cost a dynamic exclusivity
/// check and a bounds check per key, and a first version with them cost more than it saved.
final class JSONKeyNames {
    static let slotCount = 256
    static let maxBytes = 48

    private let bytes: UnsafeMutablePointer<UInt8>
    private let counts: UnsafeMutablePointer<Int>
    private let names: UnsafeMutablePointer<String>

    init() {
        bytes = .allocate(capacity: Self.slotCount * Self.maxBytes)
        counts = .allocate(capacity: Self.slotCount)
        counts.initialize(repeating: -1, count: Self.slotCount)
        names = .allocate(capacity: Self.slotCount)
        names.initialize(repeating: "", count: Self.slotCount)
    }

    deinit {
        bytes.deallocate()
        counts.deallocate()
        names.deinitialize(count: Self.slotCount)
        names.deallocate()
    }

    /// The last key `reader` read, as a string shared with earlier keys of the same bytes.
    func name(of reader: JSONReader) -> String {
        let count = reader.keyCount
        guard count > 0, count <= Self.maxBytes else { return reader.keyString() }
        let key = UnsafeRawPointer(reader.keyBuffer)
        let slot = Self.slot(key, count)
        let stored = bytes + slot * Self.maxBytes
        if counts[slot] == count, memcmp(stored, key, count) == 0 { return names[slot] }
        let name = reader.keyString()
        stored.update(from: reader.keyBuffer, count: count)
        counts[slot] = count
        names[slot] = name
        return name
    }

    /// The key's first and last eight bytes (fewer when shorter) and its length, mixed.
    @inline(__always)
    private static func slot(_ key: UnsafeRawPointer, _ count: Int) -> Int {
        let first: UInt64
        let last: UInt64
        if count >= 8 {
            first = key.loadUnaligned(as: UInt64.self)
            last = key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            var word: UInt64 = 0
            for index in 0 ..< count { word |= UInt64(key.load(fromByteOffset: index, as: UInt8.self)) << (8 * UInt64(index)) }
            first = word
            last = 0
        }
        var hash = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash) & (slotCount - 1)
    }
}
