import Glibc

/// Whether two regular files hold the same bytes, compared a chunk of each at a time (a drop's
/// repeat check: neither list is held whole; issue 15 goal 3).
enum SameBytes {
    /// Bytes compared at a time.
    static let chunkSize = 1 << 16

    /// False also when either cannot be opened or read to its end.
    static func files(_ first: String, _ second: String, chunkSize: Int = SameBytes.chunkSize) -> Bool {
        let one = open(first, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard one >= 0 else { return false }
        defer { close(one) }
        let other = open(second, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard other >= 0 else { return false }
        defer { close(other) }
        var left = [UInt8](repeating: 0, count: max(1, chunkSize))
        var right = [UInt8](repeating: 0, count: max(1, chunkSize))
        while true {
            guard let read = fill(one, &left), read == fill(other, &right) else { return false }
            if read == 0 { return true }
            guard left[0..<read] == right[0..<read] else { return false }
        }
    }

    /// Fills `buffer` from the descriptor (fewer bytes only at its end); nil on a read error.
    private static func fill(_ descriptor: Int32, _ buffer: inout [UInt8]) -> Int? {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            offset += count
        }
        return offset
    }
}
