/// The one back-off rule of the appliance: the wait after the `n`-th failure in a row is
/// `first · 2ⁿ⁻¹`, never more than `maximum`.
///
/// Every pause is this value with its own bounds: a message's retry ceiling (``RetryPolicy``,
/// before jitter), a waiting drop's next walk (``Backoff/drop``), and the interface gate's pause
/// (``Backoff/gate``). Pure: it counts, the caller keeps the clock.
public struct Backoff: Hashable, Sendable {
    /// The wait after the first failure.
    public let first: Duration
    /// No wait is longer.
    public let maximum: Duration

    public init(first: Duration, maximum: Duration) {
        self.first = max(first, .zero)
        self.maximum = max(maximum, .zero)
    }

    /// A waiting drop is walked again after 30 s, 1 min, 2 min … at most 30 min.
    public static let drop = Backoff(first: .seconds(30), maximum: .seconds(1800))
    /// A closed interface gate lets its probe out after 30 s, 1 min, … at most 10 min.
    public static let gate = Backoff(first: .seconds(30), maximum: .seconds(600))

    /// The wait after `failures` failures in a row (1-based; 0 or less counts as 1).
    public func delay(afterFailures failures: Int) -> Duration {
        var wait = first
        var step = 1
        while step < failures && wait < maximum {
            wait = wait * 2
            step += 1
        }
        return min(wait, maximum)
    }
}
