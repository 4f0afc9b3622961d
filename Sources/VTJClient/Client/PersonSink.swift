import Synchronization
import VTJCore

/// Hands persons to the caller one at a time (workers deliver from several threads) and remembers
/// which hetus one message has delivered (its found set, and ``delivered``).
///
/// Every copy is handed on, also a person a message (or its retry) sends again: whether a second
/// copy is a harmless repeat or contradicts the first is the disclosure rules' call
/// (``AnswerLedger``), never the transport's — "first copy wins" once delivered an address.
final class PersonSink: Sendable {
    private let onPerson: @Sendable (Person) throws -> Void
    private let serial = Mutex(0)

    init(_ onPerson: @escaping @Sendable (Person) throws -> Void) {
        self.onPerson = onPerson
    }

    /// Distinct persons delivered so far (per message or page).
    var delivered: Int { serial.withLock { $0 } }

    /// Delivers `person` and notes it in `seen`; caller errors come back as ``ConsumerFailure``.
    func deliver(_ person: Person, seen: DeliveredSet) throws {
        let first = seen.insert(person.hetu)
        try serial.withLock { count in
            do { try onPerson(person) } catch { throw ConsumerFailure(underlying: error) }
            if first { count += 1 }
        }
    }
}

/// Hetus delivered for one message or page, across its attempts.
final class DeliveredSet: Sendable {
    private let hetus = Mutex(Set<String>())

    init() {}

    /// True when `hetu` was not there yet.
    func insert(_ hetu: String) -> Bool { hetus.withLock { $0.insert(hetu).inserted } }

    var all: Set<String> { hetus.withLock { $0 } }
}
