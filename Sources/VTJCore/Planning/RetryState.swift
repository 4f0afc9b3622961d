/// The retry state machine for one request: feed it each attempt's outcome, do what it says.
///
/// ```swift
/// var state = RetryState(policy: policy)
/// while true {
///     let outcome = try await attempt()
///     switch state.next(after: outcome, using: &generator) {
///     case .succeed: return
///     case .retry(let wait, _): try await sleep(wait)
///     case .fail(let failure): throw failure
///     }
/// }
/// ```
public struct RetryState: Hashable, Sendable {
    public let policy: RetryPolicy
    /// Attempts reported so far.
    public private(set) var attempts = 0
    /// Sum of the waits handed out so far.
    public private(set) var totalWait: Duration = .zero
    /// Retries that used the back-off formula (429 with Retry-After does not count here; 503 does).
    public private(set) var backoffRetries = 0

    public init(policy: RetryPolicy) {
        self.policy = policy
    }

    /// The decision after one more attempt; `random` supplies the jitter.
    public mutating func next(
        after outcome: AttemptOutcome,
        using random: inout some RandomNumberGenerator
    ) -> RetryAction {
        attempts += 1
        let reason: TransientReason
        switch policy.classify(outcome) {
        case .success:
            return .succeed
        case .permanent(let permanent):
            return .fail(.permanent(permanent))
        case .transient(let transient):
            reason = transient
        }
        guard attempts < policy.maxAttempts else {
            return .fail(.exhausted(attempts: attempts, last: reason))
        }
        var wait: Duration
        if let retryAfter = reason.requestedWait {
            guard retryAfter <= policy.maxRetryAfter else {
                return .fail(.waitTooLong(requested: retryAfter, last: reason))
            }
            // At least what the server asked for; up to a tenth more so parallel workers do not return together.
            let spread = min(retryAfter / 10, .seconds(1))
            wait = retryAfter + spread * RetryState.unit(&random)
            if case .serverError = reason {
                // A 503 still backs off as usual when its Retry-After is shorter (even 0): never a tight loop.
                backoffRetries += 1
                wait = max(wait, policy.backoff(retry: backoffRetries, unit: RetryState.unit(&random)))
            }
        } else {
            backoffRetries += 1
            wait = policy.backoff(retry: backoffRetries, unit: RetryState.unit(&random))
        }
        if let budget = policy.maxTotalWait, totalWait + wait > budget {
            return .fail(.exhausted(attempts: attempts, last: reason))
        }
        totalWait += wait
        return .retry(after: wait, reason: reason)
    }

    /// A number in 0...1 from one draw (0 and UInt64.max reach the ends exactly, which tests use).
    static func unit(_ random: inout some RandomNumberGenerator) -> Double {
        Double(random.next()) / Double(UInt64.max)
    }
}

/// What to do after an attempt.
public enum RetryAction: Hashable, Sendable {
    /// The attempt succeeded; use its result.
    case succeed
    /// Wait this long, then try the same request again.
    case retry(after: Duration, reason: TransientReason)
    /// Give up on this request.
    case fail(RetryFailure)
}

/// Why a request was given up.
public enum RetryFailure: Hashable, Sendable, CustomStringConvertible {
    /// The server or configuration refused it; retrying cannot help.
    case permanent(PermanentReason)
    /// Every attempt (or the wait budget) was used up on transient failures.
    case exhausted(attempts: Int, last: TransientReason)
    /// The server asked for a longer pause than the policy allows.
    case waitTooLong(requested: Duration, last: TransientReason)

    /// Whether the same request may succeed later (the work should stay queued).
    public var isTransient: Bool {
        if case .permanent = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .permanent(let reason): reason.description
        case .exhausted(let attempts, let last): "gave up after \(attempts) attempts; last: \(last)"
        case .waitTooLong(let requested, _): "server asked to wait \(requested.wholeSeconds) s, longer than allowed"
        }
    }
}
