import Glibc

/// What a claimed input looked like at one moment: size, modification and change times, inode.
///
/// A writer that still holds the file open writes into the claimed file (the descriptor follows
/// the inode across the claim's rename); every such write moves the change time, which no
/// `touch` can set back. Comparing stamps taken at the claim, after reading and before publishing
/// is how a drop whose input changed is never published.
package struct InputStamp: Hashable, Sendable {
    package var size: Int64
    /// mtime, nanoseconds since the epoch.
    package var modifiedNanoseconds: Int64
    /// ctime, nanoseconds since the epoch.
    package var changedNanoseconds: Int64
    package var inode: UInt64

    package init(size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
    }

    init(_ info: stat) {
        self.init(size: Int64(info.st_size), modifiedNanoseconds: FileSystemCall.stamp(info).modifiedNanoseconds,
                  changedNanoseconds: FileSystemCall.changed(info), inode: UInt64(info.st_ino))
    }

    /// The stamp of `path` itself (never a link's target), or nil when it cannot be inspected.
    package static func of(path: String) -> InputStamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return InputStamp(info)
    }

    /// `size:mtime:ctime:inode`, as the journal keeps it.
    package var encoded: String { "\(size):\(modifiedNanoseconds):\(changedNanoseconds):\(inode)" }

    /// A stamp from ``encoded``; nil when the text is not one.
    package init?(encoded: String) {
        let parts = encoded.split(separator: ":")
        guard parts.count == 4, let size = Int64(parts[0]), let modified = Int64(parts[1]), let changed = Int64(parts[2]),
              let inode = UInt64(parts[3]) else { return nil }
        self.init(size: size, modifiedNanoseconds: modified, changedNanoseconds: changed, inode: inode)
    }

    /// Nanoseconds since the last change, measured against the wall clock `nowNanoseconds`.
    package func quietFor(nowNanoseconds: Int64) -> Int64 { nowNanoseconds - changedNanoseconds }
}
