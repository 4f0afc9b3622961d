import Foundation
import Logging
import Testing
@testable import VTJDrop
import VTJTestSupport

/// The backlog's bookkeeping never waits for a journal write in progress.
@Suite struct JournalBacklogTests {
    /// A 100,000-person publication holds the journal's write for seconds. The daemon loop asks the
    /// backlog's `count` and calls `replay` every turn: before, both waited for that write (the
    /// backlog's lock was held across it) and the whole loop stopped with it (issue 15 goal 4).
    @Test func countAndAnEmptyReplayDoNotWaitForAWriteInProgress() throws {
        let folder = try TempFolder("vtjdrop-backlog")
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path)
        let backlog = JournalBacklog()
        let logger = Logger(label: "test")
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let written = DispatchSemaphore(value: 0)
        Thread {
            backlog.record(database.journal, key: "slow", what: "a long write", logger: logger) { _ in
                entered.signal()
                release.wait()
            }
            written.signal()
        }.start()
        entered.wait()
        let answered = DispatchSemaphore(value: 0)
        let seen = Box()
        Thread {
            seen.count = backlog.count
            seen.replayed = backlog.replay(database.journal, logger: logger)
            answered.signal()
        }.start()
        // Bounded only so that a regression fails instead of hanging; nothing here is timed.
        let answeredDuringTheWrite = answered.wait(timeout: .now() + 60) == .success
        release.signal()
        written.wait()
        #expect(answeredDuringTheWrite, "count and replay waited for the write in progress")
        if !answeredDuringTheWrite { answered.wait() }
        #expect(seen.count == 0 && seen.replayed == 0)
    }

    /// Writes of one request keep their order behind a failed one, as before.
    @Test func aRequestsLaterWritesWaitBehindItsFailedOne() throws {
        let folder = try TempFolder("vtjdrop-backlog")
        defer { folder.remove() }
        let database = try StateDatabase(stateFolder: folder.path)
        let backlog = JournalBacklog()
        let logger = Logger(label: "test")
        let order = Box()
        struct Refused: Error {}
        #expect(!backlog.record(database.journal, key: "r", what: "first", logger: logger) { _ in throw Refused() })
        #expect(!backlog.record(database.journal, key: "r", what: "second", logger: logger) { _ in order.written.append("second") })
        #expect(backlog.record(database.journal, key: "other", what: "other", logger: logger) { _ in order.written.append("other") })
        #expect(backlog.count == 2)
        #expect(backlog.replay(database.journal, logger: logger) == 0, "the first fails again: the second stays behind it")
        #expect(order.written == ["other"] && backlog.count == 2)
    }
}

/// What the threads saw (read after they signalled).
private final class Box: @unchecked Sendable {
    var count = -1
    var replayed = -1
    var written: [String] = []
}
