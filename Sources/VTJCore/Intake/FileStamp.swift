/// What a directory scan saw of one regular file: enough to notice that it is still changing.
public struct FileStamp: Sendable, Hashable {
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since the epoch, exactly as the file system reports it.
    public var modifiedNanoseconds: Int64
    /// The inode, so a file replaced under the same name counts as a change.
    public var inode: UInt64

    public init(size: Int64, modifiedNanoseconds: Int64, inode: UInt64 = 0) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }
}
