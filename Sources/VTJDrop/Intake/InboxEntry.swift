import VTJCore

/// One entry of a department's inbox folder as `lstat` saw it (never opened).
package struct InboxEntry: Sendable, Hashable {
    /// What kind of directory entry it is.
    package enum Kind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case regular = "file"
        case symbolicLink = "symbolic link"
        case directory = "folder"
        case fifo = "named pipe (FIFO)"
        case socket = "socket"
        case characterDevice = "character device"
        case blockDevice = "block device"
        case unknown = "unknown kind of entry"

        package var description: String { rawValue }

        init(mode: UInt32) {
            switch mode & 0o170000 {
            case 0o100000: self = .regular
            case 0o120000: self = .symbolicLink
            case 0o040000: self = .directory
            case 0o010000: self = .fifo
            case 0o140000: self = .socket
            case 0o020000: self = .characterDevice
            case 0o060000: self = .blockDevice
            default: self = .unknown
            }
        }
    }

    /// The name as the folder holds it.
    package let name: DropFileName
    /// The kind of entry (from `lstat`, so a link is a link).
    package let kind: Kind
    /// Size, mtime and inode for the settle tracker.
    package let stamp: FileStamp
    /// The inode's change time (ctime) in nanoseconds since the epoch: set by the kernel on every
    /// change, never by the producer, so it says how long a refused entry has been left alone.
    package let changedNanoseconds: Int64
    /// How many names the inode has (more than one: a hard link).
    package let links: Int

    package init(name: DropFileName, kind: Kind, stamp: FileStamp, changedNanoseconds: Int64 = 0, links: Int = 1) {
        self.name = name
        self.kind = kind
        self.stamp = stamp
        self.changedNanoseconds = changedNanoseconds
        self.links = links
    }
}
