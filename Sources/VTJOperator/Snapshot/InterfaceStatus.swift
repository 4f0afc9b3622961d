import Foundation

/// The population-register interface as the daemon last saw it.
public struct InterfaceStatus: Sendable, Hashable {
    /// The base URL, or `built-in sandbox`.
    public var endpoint: String
    /// `xml` or `json`.
    public var wire: String
    /// Set while the gate is closed (the interface refuses the appliance or cannot be reached).
    public var gate: Condition?
    /// The last call that succeeded.
    public var lastSuccessAt: Date?
    /// The last call that failed.
    public var lastFailureAt: Date?
    /// What the last failure was (no credentials; may hold a file name).
    public var lastFailure: String?
    /// Failures since the last success.
    public var consecutiveFailures: Int

    public init(endpoint: String, wire: String, gate: Condition? = nil, lastSuccessAt: Date? = nil,
                lastFailureAt: Date? = nil, lastFailure: String? = nil, consecutiveFailures: Int = 0) {
        self.endpoint = endpoint
        self.wire = wire
        self.gate = gate
        self.lastSuccessAt = lastSuccessAt
        self.lastFailureAt = lastFailureAt
        self.lastFailure = lastFailure
        self.consecutiveFailures = consecutiveFailures
    }
}

/// Something that keeps the daemon from claiming, since when and why.
public struct Condition: Sendable, Hashable {
    /// A short stable name (`refusing-credentials`, `unreachable`, `folder-root-missing`).
    public var code: String
    /// Since when.
    public var since: Date
    /// One line for the operator: what is wrong and what to do (may name a folder or a file).
    public var detail: String

    public init(code: String, since: Date, detail: String) {
        self.code = code
        self.since = since
        self.detail = detail
    }
}
