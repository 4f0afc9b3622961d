import Foundation

/// Where the endpoint gets its snapshot: the runtime (or, today, a reader of the state database).
public protocol OperatorSnapshotSource: Sendable {
    /// The state at `now`, or why it cannot be read. Called per request: keep it cheap, and never
    /// block a cooperative thread on I/O (hop to a Dispatch queue).
    func snapshot(now: Date) async throws(SnapshotUnavailable) -> OperatorSnapshot
}
