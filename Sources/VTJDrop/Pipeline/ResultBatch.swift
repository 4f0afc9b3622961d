import VTJClient
import VTJCore

/// One answer's persons on their way to their result's writer: prepared on the worker thread that
/// reads the answer and handed over ``size`` at a time, so the writer's lock is taken once per
/// batch and the workers never queue behind each other person by person (issue 15).
///
/// A batch is small so that the persons held stay few (at most ``size`` per worker in flight).
package final class ResultBatch<Sink: PreparedPersonSink>: PersonBatch {
    static var size: Int { 128 }

    private let sink: Sink
    private let onStep: (ResultWriting, Sink.Prepared) -> Void
    private var prepared: [Sink.Prepared] = []

    /// `onStep` sees what became of every written person (on the worker, after the writer let go).
    package init(_ sink: Sink, onStep: @escaping (ResultWriting, Sink.Prepared) -> Void = { _, _ in }) {
        self.sink = sink
        self.onStep = onStep
        prepared.reserveCapacity(Self.size)
    }

    package func add(_ person: Person) throws {
        prepared.append(sink.prepare(person))
        if prepared.count >= Self.size { try flush() }
    }

    package func finish() throws { try flush() }

    private func flush() throws {
        guard !prepared.isEmpty else { return }
        let written = try sink.write(prepared)
        // By index: `zip` was not specialised here and copied each prepared person out (2 % of the sink's work).
        for index in written.indices where index < prepared.count { onStep(written[index], prepared[index]) }
        prepared.removeAll(keepingCapacity: true)
    }
}
