import Foundation

extension StatusDocument {
    /// One journal entry in `status --json --journal` (added in schema 1: absent without the flag).
    /// Names, paths and errors are masked as in the log; no henkilötunnus is ever listed.
    public struct JournalEntry: Encodable, Sendable {
        var requestId: String
        var department: String
        var originalName: String
        var storedPath: String
        var state: String
        var operation: String?
        var attempts: Int
        var error: String?
        var resultFiles: [String]
        /// ISO 8601 with milliseconds (the document's other times have whole seconds): a script
        /// telling what changed since a moment needs the journal's own precision.
        var claimedAt: String
        var updatedAt: String
        var finishedAt: String?

        public init(dropID: String, department: String, originalName: String, storedPath: String, state: String,
                    operation: String?, attempts: Int, error: String?, resultFiles: [String], claimedAt: Date,
                    updatedAt: Date, finishedAt: Date?) {
            requestId = dropID
            self.department = department
            self.originalName = StatusDocument.masked(originalName)
            self.storedPath = StatusDocument.masked(storedPath)
            self.state = state
            self.operation = operation
            self.attempts = attempts
            self.error = error.map(StatusDocument.masked)
            self.resultFiles = resultFiles.map(StatusDocument.masked)
            self.claimedAt = Self.milliseconds(claimedAt)
            self.updatedAt = Self.milliseconds(updatedAt)
            self.finishedAt = finishedAt.map(Self.milliseconds)
        }

        private static func milliseconds(_ date: Date) -> String {
            date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        }
    }
}
