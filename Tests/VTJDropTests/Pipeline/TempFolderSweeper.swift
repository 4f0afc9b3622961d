import Foundation
import Synchronization

/// Removes harness temp folders when the test process exits.
///
/// Tests close their harness from `defer { Task { … } }` (a defer body cannot await), and the
/// process may exit before such a task runs; without this sweep every run left folders in /tmp.
enum TempFolderSweeper {
    private static let folders = Mutex<(installed: Bool, paths: Set<String>)>((false, []))

    /// Remember `path` for removal at exit (a folder closed earlier is simply gone by then).
    static func register(_ path: String) {
        let install = folders.withLock { state -> Bool in
            state.paths.insert(path)
            defer { state.installed = true }
            return !state.installed
        }
        if install { atexit { TempFolderSweeper.sweep() } }
    }

    private static func sweep() {
        for path in folders.withLock({ $0.paths }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
