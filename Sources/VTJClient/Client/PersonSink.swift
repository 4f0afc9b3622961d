import Synchronization
import VTJCore

/// Hands persons to the caller one at a time (workers deliver from several threads) and remembers
/// which hetus one message has delivered, so a retried message never delivers a person twice.
final class PersonSink: Sendable {
    private let onPerson: @Sendable (Person) throws -> Void
    private let serial = Mutex(0)

    init(_ onPerson: @escaping @Sendable (Person) throws -> Void) {
        self.onPerson = onPerson
    }

    /// Persons delivered so far.
    var delivered: Int { serial.withLock { $0 } }

    /// Delivers `person` unless `seen` already has it; caller errors come back as ``ConsumerFailure``.
    func deliver(_ person: Person, seen: DeliveredSet) throws {
        guard seen.insert(person.hetu) else { return }
        try serial.withLock { count in
            do { try onPerson(person) } catch { throw ConsumerFailure(underlying: error) }
            count += 1
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
