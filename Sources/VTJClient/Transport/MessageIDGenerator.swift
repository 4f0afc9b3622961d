import Synchronization

/// Makes a message's `X-Request-Id` (a message to the interface, not a drop: a drop's id is
/// `DropID`, made by VTJDrop's `DropIDGenerator`): UUIDv7 (RFC 9562), unique and sortable by time as text.
///
/// Within one millisecond the 12-bit `rand_a` field counts up, so ids from one process are
/// strictly increasing even when many are made at once.
public final class MessageIDGenerator: Sendable {
    private struct State {
        var millis: UInt64 = 0
        var counter: UInt16 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The next id for a call made at `unixMillis` (milliseconds since 1970, from the caller's clock).
    public func next(unixMillis: UInt64) -> String {
        let (millis, counter) = state.withLock { state -> (UInt64, UInt16) in
            if unixMillis > state.millis {
                state.millis = unixMillis
                state.counter = 0
            } else if state.counter < 0x0FFF {
                state.counter += 1
            } else {
                // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
                state.millis += 1
                state.counter = 0
            }
            return (state.millis, state.counter)
        }
        var random = SystemRandomNumberGenerator()
        let tail = random.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let high = (millis & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | UInt64(counter)
        let a = hex(high >> 32, digits: 8)
        let b = hex((high >> 16) & 0xFFFF, digits: 4)
        let c = hex(high & 0xFFFF, digits: 4)
        let d = hex(tail >> 48, digits: 4)
        let e = hex(tail & 0xFFFF_FFFF_FFFF, digits: 12)
        return "\(a)-\(b)-\(c)-\(d)-\(e)"
    }

    private func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
