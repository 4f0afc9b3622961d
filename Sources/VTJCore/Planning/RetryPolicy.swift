/// The profile's error table (section 2.4) and the back-off limits, as values.
///
/// Pure: it never reads a clock or a global random source. The delays it computes are handed
/// back to the caller, who sleeps; jitter comes from a generator the caller passes in.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts per request, the first one included (at least 1).
    public var maxAttempts: Int
    /// Back-off ceiling before jitter for the first retry.
    public var initialDelay: Duration
    /// No back-off ceiling ever exceeds this.
    public var maxDelay: Duration
    /// A `Retry-After` longer than this ends the request instead of blocking a worker that long.
    public var maxRetryAfter: Duration
    /// Total waiting across all retries of one request; nil = no limit beyond ``maxAttempts``.
    public var maxTotalWait: Duration?

    public init(
        maxAttempts: Int = 6,
        initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(300),
        maxTotalWait: Duration? = nil
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = max(initialDelay, .zero)
        self.maxDelay = max(maxDelay, .zero)
        self.maxRetryAfter = max(maxRetryAfter, .zero)
        self.maxTotalWait = maxTotalWait
    }

    /// Classifies one attempt per the profile's error table.
    public func classify(_ outcome: AttemptOutcome) -> OutcomeClass {
        switch outcome {
        case .success:
            return .success
        case .unreadableBody(let reason):
            return .transient(.unreadableBody(reason))
        case .gateway(let fault):
            return fault.isTransient ? .transient(.gateway(fault)) : .permanent(.gateway(fault))
        case .service(let code):
            return code.isTransient ? .transient(.service(code)) : .permanent(.service(code))
        case .transport(let problem, let detail):
            return problem.isTransient ? .transient(.transport(problem, detail: detail))
                : .permanent(.transport(problem, detail: detail))
        case .httpStatus(let status, let retryAfter, let virhe):
            switch status {
            case 200...299:
                return .success
            case 429:
                return .transient(.rateLimited(retryAfter: retryAfter.flatMap(RetryPolicy.retryAfter(from:))))
            case 503:
                // "Service Unavailable" may say when to come back (RFC 9110 10.2.3); earlier is pointless.
                return .transient(.serverError(status: status, virhe: virhe, retryAfter: retryAfter.flatMap(RetryPolicy.retryAfter(from:))))
            case 408, 500...599:
                return .transient(.serverError(status: status, virhe: virhe))
            case 401, 403:
                return .permanent(.unauthorized(status: status, virhe: virhe))
            default:
                // 400, 404, other 4xx and unexpected 1xx/3xx (redirects are not followed): a person must look.
                return .permanent(.rejected(status: status, virhe: virhe))
            }
        }
    }

    /// The back-off ceiling before the `retry`-th retry (1-based): initial × 2^(retry−1), capped
    /// (the appliance's one ``Backoff`` rule with this policy's bounds).
    public func backoffCeiling(retry: Int) -> Duration {
        Backoff(first: initialDelay, maximum: maxDelay).delay(afterFailures: retry)
    }

    /// The wait before the `retry`-th retry with "equal jitter": half the ceiling plus a random
    /// share of the other half, so parallel workers spread out but never retry at once.
    ///
    /// `unit` is a random number in 0...1 from the caller's generator.
    public func backoff(retry: Int, unit: Double) -> Duration {
        let ceiling = backoffCeiling(retry: retry)
        let share = min(max(unit, 0), 1)
        return ceiling / 2 + (ceiling / 2) * share
    }

    /// Reads a `Retry-After` value in delta-seconds; nil for anything else (HTTP-dates need a clock).
    public static func retryAfter(from header: String) -> Duration? {
        let text = header.trimmingWhitespace()
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCIIDigit), let seconds = Int64(text) else {
            return nil
        }
        return .seconds(seconds)
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "\n" { text.removeLast() }
        return text
    }
}
