import Foundation
import GRDB
import Synchronization

extension StateDatabase {
    /// Where SQLite puts its temporary files for this process: the state folder's `tmp`, never
    /// `/var/tmp` or `/tmp`. A large sort (the staged disclosure rows whose codes `DisclosureSort` cannot hold, an audit export's ORDER BY,
    /// a migration's copy) spills henkilötunnus into such a file; SQLite unlinks it at once, but
    /// while it lives it must sit with the rest of the state (the same owner, mode, disk and backup
    /// rules), not in a folder every user of the machine can list.
    ///
    /// SQLite keeps one such folder per process (`sqlite3_temp_directory`, set by
    /// `PRAGMA temp_store_directory`) and changing it while a connection may read it is unsafe, so
    /// the first state database a process opens decides it and later calls change nothing. A
    /// daemon opens one. SQLite passes over a folder that has gone (tests) for its defaults.
    /// Returns the folder in force.
    @discardableResult
    static func keepTemporaryFiles(in folder: String) -> String? {
        temporaryFolder.withLock { chosen in
            if let chosen { return chosen }
            guard FileManager.default.fileExists(atPath: folder) else { return nil }
            do {
                let queue = try DatabaseQueue()
                try queue.inDatabase { db in
                    // A pragma takes no bound argument: the folder as an SQL string literal.
                    try db.execute(sql: "PRAGMA temp_store_directory = '\(folder.replacingOccurrences(of: "'", with: "''"))'")
                }
                chosen = folder
            } catch {
                // Left at SQLite's defaults (a build without the pragma): no worse than before.
                return nil
            }
            return chosen
        }
    }

    /// SQLite's folder for temporary files in this process, as SQLite reports it (nil: its defaults).
    static func temporaryFolderInForce() -> String? {
        let reported = try? DatabaseQueue().inDatabase { db in
            try String.fetchOne(db, sql: "PRAGMA temp_store_directory")
        }
        guard let reported, !reported.isEmpty else { return nil }
        return reported
    }

    private static let temporaryFolder = Mutex<String?>(nil)
}
