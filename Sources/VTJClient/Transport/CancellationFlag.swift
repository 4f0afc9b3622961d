import Synchronization

/// Set from any thread to abort a running transfer (checked by libcurl's progress callback).
public final class CancellationFlag: Sendable {
    private let state = Atomic<Bool>(false)

    public init() {}

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { state.load(ordering: .acquiring) }

    /// Asks the transfer to stop.
    public func cancel() { state.store(true, ordering: .releasing) }
}
