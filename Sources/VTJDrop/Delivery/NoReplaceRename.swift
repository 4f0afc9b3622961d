import Glibc

/// Moving without ever overwriting: `renameat2(RENAME_NOREPLACE)`, else (the file system does
/// not support the flag, or the kernel lacks the call) `link` + `unlink` for files, or plain
/// `rename` for folders (which never replaces a non-empty folder).
enum NoReplaceRename {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Swift does not import glibc's `renameat2` (it needs _GNU_SOURCE) nor the variadic
    /// `syscall`, so the symbol is looked up once at run time.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    private static let noReplace: UInt32 = 1 // RENAME_NOREPLACE

    /// Moves `from` (raw name in folder `source`) to `to` (in folder `target`); returns 0 or
    /// the errno (EEXIST when the target name is taken by anything, a symbolic link included).
    static func rename(_ source: Int32, _ from: [UInt8], _ target: Int32, _ to: String,
                       isFolder: Bool = false, forceFallback: Bool = false) -> Int32 {
        FileSystemCall.withName(from) { fromName in
            if !forceFallback, let renameat2 {
                if renameat2(source, fromName, target, to, noReplace) == 0 { return 0 }
                let code = errno
                guard code == EINVAL || code == ENOSYS || code == ENOTSUP else { return code }
            }
            if isFolder {
                var info = stat()
                if fstatat(target, to, &info, AT_SYMLINK_NOFOLLOW) == 0 { return EEXIST }
                return renameat(source, fromName, target, to) == 0 ? 0 : errno
            }
            // link() fails with EEXIST on any existing name and never follows a link there.
            guard linkat(source, fromName, target, to, 0) == 0 else { return errno }
            _ = unlinkat(source, fromName, 0)
            return 0
        }
    }
}
