import Foundation
import Glibc
import Synchronization

/// Removes harness temp folders when the test process exits.
///
/// Tests close their harness from `defer { Task { … } }` (a defer body cannot await), and the
/// process may exit before such a task runs; without this sweep every run left folders in /tmp.
public enum TempFolderSweeper {
    private static let folders = Mutex<(installed: Bool, paths: Set<String>)>((false, []))

    /// Remember `path` for removal at exit (a folder closed earlier is simply gone by then).
    public static func register(_ path: String) {
        let install = folders.withLock { state -> Bool in
            state.paths.insert(path)
            defer { state.installed = true }
            return !state.installed
        }
        if install { atexit { TempFolderSweeper.sweep() } }
    }

    private static func sweep() {
        for path in folders.withLock({ $0.paths }) { removeTree(path) }
    }

    /// `rm -rf` without following links. FileManager gives up on the names the hostile-input tests
    /// create (bytes that are not UTF-8) and leaves the rest of the folder behind, so paths stay bytes.
    public static func removeTree(_ path: String) { removeTree(bytes: Array(path.utf8CString.dropLast())) }

    private static func removeTree(bytes path: [CChar]) {
        let terminated = path + [0]
        var info = stat()
        guard lstat(terminated, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR, let directory = opendir(terminated) {
            var children: [[CChar]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.bindMemory(to: CChar.self).prefix { $0 != 0 }) }
                if name != [46] && name != [46, 46] { children.append(path + [47] + name) }
            }
            closedir(directory)
            for child in children { removeTree(bytes: child) }
            _ = rmdir(terminated)
        } else {
            _ = unlink(terminated)
        }
    }
}
