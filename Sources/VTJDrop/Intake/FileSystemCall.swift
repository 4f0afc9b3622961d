import Glibc
import VTJCore

/// Small Glibc helpers shared by intake and delivery: descriptors and `*at` calls on raw names.
enum FileSystemCall {
    /// Calls `body` with `raw` as a NUL-terminated C string (names never contain NUL).
    static func withName<R>(_ raw: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        var bytes = raw
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// Opens a folder without following a final symbolic link; -1 with errno on failure.
    static func openFolder(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    /// Opens a folder relative to another, without following a final symbolic link.
    static func openFolder(at parent: Int32, _ name: String) -> Int32 {
        openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    /// `lstat` of a name inside a folder; nil with errno on failure.
    static func lstat(at folder: Int32, _ raw: [UInt8]) -> stat? {
        var info = stat()
        let status = withName(raw) { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) }
        return status == 0 ? info : nil
    }

    /// The stamp the settle tracker compares.
    static func stamp(_ info: stat) -> FileStamp {
        FileStamp(size: Int64(info.st_size),
                  modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                  inode: UInt64(info.st_ino))
    }

    /// The inode's change time (ctime) in nanoseconds since the epoch.
    static func changed(_ info: stat) -> Int64 {
        Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    /// fsync of a folder so a rename into or out of it survives a crash (best effort: some
    /// file systems refuse fsync on folders, which is not worth failing a claim for).
    static func syncFolder(_ descriptor: Int32) { _ = fsync(descriptor) }

    /// Creates every missing folder of `path` with `mode` (like `mkdir -p`).
    static func makeFolders(_ path: String, mode: mode_t) -> Int32 {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + component
            if mkdir(current, mode) != 0 && errno != EEXIST { return errno }
        }
        return 0
    }
}
