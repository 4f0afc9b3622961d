import VTJCore

/// Where a ``ResultBatch`` hands its persons (the ``ResultSink``): whatever can be worked out for a
/// person without the result is prepared on the thread that read the person, in parallel; the
/// sink then takes prepared persons in batches, one batch at a time, in the order each worker read them.
package protocol PreparedPersonSink: AnyObject, Sendable {
    associatedtype Prepared: Sendable
    /// Pure and thread-safe: called on the worker threads, several at once.
    func prepare(_ person: Person) -> Prepared
    /// Writes a batch; for each person, in the same order, what the ledger made of it.
    func write(_ batch: [Prepared]) throws -> [ResultWriting]
}

/// What writing one person came to: the ledger's step (nil: not asked for) and how many persons
/// the result had withdrawn as contradictory once this one was written (so the first few are logged one by one).
package struct ResultWriting: Sendable {
    package var step: AnswerLedger.Step?
    package var contradictions: Int
}
