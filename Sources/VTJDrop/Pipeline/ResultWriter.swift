import VTJCore

/// The single writer of one result (issue 14 builds on it): whatever can be worked out for a person
/// without the result is prepared on the thread that read the person, in parallel; the writer then
/// takes prepared persons in batches, one batch at a time, in the order each worker read them.
protocol ResultWriter: AnyObject, Sendable {
    associatedtype Prepared: Sendable
    /// Pure and thread-safe: called on the worker threads, several at once.
    func prepare(_ person: Person) -> Prepared
    /// Writes a batch; the ledger's step for each person (nil: not asked for), in the same order.
    func write(_ batch: [Prepared]) throws -> [AnswerLedger.Step?]
}
