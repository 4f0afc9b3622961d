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
            guard case .success(let read) = DescriptorRead.fill(&left, from: one),
                  case .success(read) = DescriptorRead.fill(&right, from: other) else { return false }
            if read == 0 { return true }
            guard left[0..<read] == right[0..<read] else { return false }
        }
    }
}
