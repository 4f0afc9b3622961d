import Glibc

/// Writing a whole buffer to a file descriptor: the loop the publisher's pending files and the two
/// scratch spools share (a short or interrupted `write` is continued, never taken as the end).
enum DescriptorWrite {
    /// Writes every byte of `bytes`; nil when done, else the `errno` of the failed write (`EIO` for a
    /// write that wrote nothing without saying why).
    static func all(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return wrote < 0 ? errno : EIO }
            done += wrote
        }
        return nil
    }
}
