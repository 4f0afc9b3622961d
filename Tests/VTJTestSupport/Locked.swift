import Foundation

/// A value shared with a helper thread.
public final class Locked<Value>: @unchecked Sendable {  // every access holds `lock`
    private let lock = NSLock()
    private var stored: Value
    public init(_ value: Value) { stored = value }
    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
