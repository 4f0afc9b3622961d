import Synchronization

/// Work a stop may not wait for — the interface check at start, which against a hanging interface
/// would take its whole retry chain — run as tasks that a stop request cancels at once.
final class StopCancellation: Sendable {
    private let state = Mutex<(stopped: Bool, next: Int, cancels: [Int: @Sendable () -> Void])>((false, 0, [:]))

    /// Cancels everything running now and whatever starts later.
    func cancelAll() {
        let cancels = state.withLock { state -> [@Sendable () -> Void] in
            state.stopped = true
            defer { state.cancels = [:] }
            return Array(state.cancels.values)
        }
        for cancel in cancels { cancel() }
    }

    /// Runs `work` as a task of its own, cancelled when a stop is (or already was) asked.
    func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await work() }
        let id = state.withLock { state -> Int? in
            guard !state.stopped else { return nil }
            state.next += 1
            state.cancels[state.next] = { task.cancel() }
            return state.next
        }
        if id == nil { task.cancel() }
        defer { if let id { _ = state.withLock { $0.cancels.removeValue(forKey: id) } } }
        return await task.value
    }
}
