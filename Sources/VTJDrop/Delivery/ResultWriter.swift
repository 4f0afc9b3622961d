import VTJCore

/// One result file in one format: persons, not-found rows and change entries appended in order
/// into a pending outbox file, and the document's end.
///
/// A writer has exactly one owner, the result's ``ResultSink``, which calls it only under its own
/// lock: the writer has no lock of its own (no nesting) and is not `Sendable`. Nothing here
/// decides anything: what a writer is given is what ``DisclosureRules`` disclosed.
protocol ResultWriter: AnyObject {
    /// Where the next person's rows (or element) start: the result excises a withdrawn person's
    /// span [start of its slot, start of the next) at ``finish(skipping:)``.
    func position() throws -> Int64
    /// A disclosed person, once per row of the drop that named them (`carried`: each row's own
    /// cells; `[[]]` when the drop carries none). `rendered` are the CSV rows a worker rendered
    /// beforehand (``CSVResultWriter`` takes them as they are). Returns the first row's overflow.
    func write(_ person: PersonDisclosure, carried: [[String]], rendered: [CSVRow]?) throws -> [GroupName: Int]
    /// A person asked for and answered without data (`.notFound`, or the interface's status).
    func writeNotFound(hetu: String, status: ResultStatus, carried: [[String]]) throws
    /// A row of the clerk's list without a valid henkilötunnus, returned marked.
    func writeRejected(_ rejected: CarriedColumns.Rejected) throws
    /// One disclosed change entry; returns its overflow.
    func write(_ change: ChangeDisclosure) throws -> [GroupName: Int]
    /// Ends the document without the byte spans of `skipping` (withdrawn persons' rows, by
    /// ``position()``); returns notes for the receipt.
    func finish(skipping spans: [Range<Int64>]) throws -> [Message]
    /// Throws away what was written.
    func abandon()
    /// Publishes the result; returns its path.
    func commit() throws -> String
}

extension ResultWriter {
    /// The folder of a pending file's temporary path: scratch files go beside it, in the outbox's
    /// temporary folder, never in memory.
    static func scratchFolder(of pending: PendingFile) -> String {
        let temporary = pending.temporaryPath
        return String(temporary[..<(temporary.lastIndex(of: "/") ?? temporary.endIndex)])
    }
}
