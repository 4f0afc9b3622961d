import Synchronization

/// Tells whoever listens (the operator's metrics) that a journal or audit-log write failed: those
/// failures are swallowed at many call sites (the drop waits and is retried), so they are counted
/// where the write itself fails, once.
package final class WriteFailureSignal: Sendable {
    /// Which record a failed write was for.
    package enum Kind: Sendable, Hashable {
        case journal
        case audit
    }

    private let listener = Mutex<(@Sendable (Kind) -> Void)?>(nil)

    init() {}

    /// `body` is called on every failed write from now on (one listener; a later call replaces it).
    package func listen(_ body: @escaping @Sendable (Kind) -> Void) { listener.withLock { $0 = body } }

    /// Runs a write, reporting its failure before re-throwing it.
    func watch<T>(_ kind: Kind, _ write: () throws(StorageError) -> T) throws(StorageError) -> T {
        do {
            return try write()
        } catch {
            listener.withLock { $0 }?(kind)
            throw error
        }
    }
}
