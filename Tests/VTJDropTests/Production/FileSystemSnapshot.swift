import Foundation
import Glibc

/// Every entry under a folder with its kind, size, mode, inode and times, compared to prove that
/// an operation left the file system exactly as it was (links are recorded, never followed).
struct FileSystemSnapshot: Equatable, CustomStringConvertible {
    struct Entry: Equatable {
        let mode: UInt32
        let size: Int64
        let inode: UInt64
        let modified: Int64
        let changed: Int64
    }

    let entries: [String: Entry]

    init(_ root: String) throws {
        var entries: [String: Entry] = [:]
        func visit(_ path: String, relative: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            entries[relative] = Entry(mode: info.st_mode, size: Int64(info.st_size), inode: UInt64(info.st_ino),
                                      modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                                      changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
            guard info.st_mode & S_IFMT == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names { visit(path + "/" + name, relative: relative + "/" + name) }
        }
        visit(root, relative: ".")
        self.entries = entries
    }

    var description: String { entries.keys.sorted().joined(separator: ", ") }
}
