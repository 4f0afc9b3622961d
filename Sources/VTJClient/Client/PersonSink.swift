import Synchronization
import VTJCore

/// Hands the persons of each answer to the caller's ``PersonBatch`` on the worker thread that reads
/// the answer, and remembers which hetus one message has delivered (its found set, and ``delivered``).
///
/// Every copy is handed on, also a person a message (or its retry) sends again: whether a second
/// copy is a harmless repeat or contradicts the first is the disclosure rules' call
/// (``AnswerLedger``), never the transport's — "first copy wins" once delivered an address.
final class PersonSink: Sendable {
    private let makeBatch: @Sendable () -> any PersonBatch
    private let serial = Atomic(0)

    init(batches makeBatch: @escaping @Sendable () -> any PersonBatch) {
        self.makeBatch = makeBatch
    }

    /// The one-at-a-time contract of an `onPerson` callback: each person handed on at once, under one lock.
    convenience init(_ onPerson: @escaping @Sendable (Person) throws -> Void) {
        let gate = OneAtATime(onPerson)
        self.init { ImmediateBatch(gate: gate) }
    }

    /// Distinct persons delivered so far (per message or page).
    var delivered: Int { serial.load(ordering: .relaxed) }

    /// Reads one answer with `read`, each person into a fresh batch (noted in `seen`), and finishes
    /// the batch when the answer ends — also when it ends in a read error, so what was read is
    /// handed on as it always was. Caller errors come back as ``ConsumerFailure``.
    func reading<T>(seen: DeliveredSet, _ read: ((Person) throws -> Void) throws -> T) throws -> T {
        let batch = makeBatch()
        let value: T
        do {
            value = try read { person in
                if seen.insert(person.hetu) { serial.add(1, ordering: .relaxed) }
                do { try batch.add(person) } catch { throw ConsumerFailure(underlying: error) }
            }
        } catch let failure as ConsumerFailure {
            throw failure
        } catch {
            do { try batch.finish() } catch let failure { throw ConsumerFailure(underlying: failure) }
            throw error
        }
        do { try batch.finish() } catch { throw ConsumerFailure(underlying: error) }
        return value
    }
}

/// Takes the persons of one answer (one attempt at one message or page) on the worker thread that
/// reads it, so nothing is locked per person: a batch gathers what it needs and hands it over to
/// its result's single writer now and then, and at ``finish()``.
public protocol PersonBatch: AnyObject {
    /// One person of the answer, in the order read.
    func add(_ person: Person) throws
    /// The answer has ended (read whole, or cut by a read error): hand over what is held.
    func finish() throws
}

/// Serialises an `onPerson` callback for the workers.
private final class OneAtATime: Sendable {
    private let lock = Mutex(())
    private let onPerson: @Sendable (Person) throws -> Void

    init(_ onPerson: @escaping @Sendable (Person) throws -> Void) { self.onPerson = onPerson }

    func deliver(_ person: Person) throws { try lock.withLock { _ in try onPerson(person) } }
}

private final class ImmediateBatch: PersonBatch {
    private let gate: OneAtATime
    init(gate: OneAtATime) { self.gate = gate }
    func add(_ person: Person) throws { try gate.deliver(person) }
    func finish() {}
}

/// Hetus delivered for one message or page, across its attempts.
final class DeliveredSet: Sendable {
    private let hetus = Mutex(Set<String>())

    init() {}

    /// True when `hetu` was not there yet.
    func insert(_ hetu: String) -> Bool { hetus.withLock { $0.insert(hetu).inserted } }

    var all: Set<String> { hetus.withLock { $0 } }
}
