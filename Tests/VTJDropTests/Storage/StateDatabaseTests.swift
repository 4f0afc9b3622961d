import Foundation
import GRDB
import Testing
@testable import VTJDrop
import VTJTestSupport

@Suite struct StateDatabaseTests {
    @Test func walModeFullSyncAndPrivateFileModes() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let state = folder.path + "/state"
        let previous = umask(0o022)
        defer { umask(previous) }
        let database = try StateDatabase(stateFolder: state)
        try database.journal.recordClaim(dropID: "r1", department: "kirjasto", originalName: "a.txt",
                                         storedPath: state + "/work/r1", at: Date())
        // Read on the appliance's own pool (its writer for `synchronous`, a per-connection setting).
        #expect(try database.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try database.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        #expect(try TempFolder.mode(of: state) == 0o750)
        for suffix in ["", "-wal", "-shm"] {
            let path = database.path + suffix
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
            #expect(try TempFolder.mode(of: path) == 0o640, "\(path)")
        }
    }

    @Test func sqliteTemporaryFilesStayInAStateFolder() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let state = folder.path + "/state"
        _ = try StateDatabase(stateFolder: state)
        #expect(try TempFolder.mode(of: state + "/tmp") == 0o700)
        // The first state database this process opened decided (maybe another test's): never /tmp or /var/tmp.
        let inForce = try #require(StateDatabase.temporaryFolderInForce())
        #expect(inForce.hasSuffix("/" + StateLayout.temporaryFolderName) && !["/tmp", "/var/tmp"].contains(inForce), "\(inForce)")
        #expect(StateDatabase.keepTemporaryFiles(in: folder.path + "/elsewhere") == inForce)
        #expect(StateDatabase.temporaryFolderInForce() == inForce)
    }

    /// The page cache stays allocated for a connection's life (issue 15's memory bound): every
    /// connection of the pool, writer and reader, keeps 1 MiB, not SQLite's 2 MiB.
    @Test func everyConnectionKeepsASmallPageCache() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path + "/state")
        #expect(try database.pool.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -1024)
        #expect(try database.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -1024)
    }

    @Test func readOnlyCommandsDoNotCreateADatabase() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        #expect {
            try StateDatabase(stateFolder: folder.path + "/nowhere", create: false)
        } throws: { error in
            "\(error)".contains("no state database at \(folder.path)/nowhere/vtjdrop.sqlite")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/nowhere"))
    }

    @Test func reopeningKeepsDataAndMigratesOnlyOnce() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        do {
            let database = try StateDatabase(stateFolder: folder.path)
            try database.journal.recordClaim(dropID: "r1", department: "d", originalName: "x", storedPath: "/w/x", at: Date())
        }
        let again = try StateDatabase(stateFolder: folder.path, create: false)
        #expect(try again.journal.entry("r1")?.department == "d")
    }

    @Test func aFileWhereTheStateFolderShouldBeIsReported() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let blocker = try folder.write("state", "not a folder")
        #expect {
            try StateDatabase(stateFolder: blocker)
        } throws: { error in
            "\(error)".contains("a file is in the way")
        }
    }

    @Test func aSecondConnectionReadsWhileTheDaemonsConnectionWrites() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let daemon = try StateDatabase(stateFolder: folder.path)
        let operator_ = try StateDatabase(stateFolder: folder.path, create: false)
        let now = Date()
        for i in 0..<50 {
            try daemon.journal.recordClaim(dropID: "r\(i)", department: "kirjasto", originalName: "f", storedPath: "/w", at: now)
            #expect(try operator_.journal.backlog().first?.unfinished == i + 1)
        }
        try operator_.journal.recordInterfaceCall(succeeded: true, at: now)
        #expect(try daemon.journal.interfaceHealth().lastSuccessAt != nil)
    }
}
