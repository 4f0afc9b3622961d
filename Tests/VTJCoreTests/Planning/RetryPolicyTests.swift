import Testing
import VTJCore

@Suite("RetryPolicy")
struct RetryPolicyTests {
    static let virhe = InterfaceErrorBody(code: "LIIAN_MONTA_HETUA", message: "at most 1000 hetu per message")

    enum Expected: Equatable { case success, transient, permanent }

    @Test("classification follows the profile's error table", arguments: [
        (AttemptOutcome.success, Expected.success),
        (.httpStatus(200), .success),
        (.httpStatus(204), .success),
        (.httpStatus(400, virhe: virhe), .permanent),
        (.httpStatus(401), .permanent),
        (.httpStatus(403), .permanent),
        (.httpStatus(404), .permanent),
        (.httpStatus(405), .permanent),
        (.httpStatus(302), .permanent),
        (.httpStatus(408), .transient),
        (.httpStatus(429, retryAfter: "2"), .transient),
        (.httpStatus(429), .transient),
        (.httpStatus(500), .transient),
        (.httpStatus(502), .transient),
        (.httpStatus(503, retryAfter: "1"), .transient),
        (.httpStatus(504), .transient),
        (.transport(.connect, detail: "refused"), .transient),
        (.transport(.timeout, detail: "slow"), .transient),
        (.transport(.truncated, detail: "curl 18"), .transient),
        (.transport(.other, detail: "reset"), .transient),
        (.transport(.tls, detail: "unknown CA"), .permanent),
        (.transport(.configuration, detail: "bad URL"), .permanent),
        (.unreadableBody("line 9: premature end"), .transient),
    ])
    func classification(outcome: AttemptOutcome, expected: Expected) {
        let actual: Expected = switch RetryPolicy().classify(outcome) {
        case .success: .success
        case .transient: .transient
        case .permanent: .permanent
        }
        #expect(actual == expected)
    }

    @Test("permanent refusals carry the server's virhe and status")
    func permanentCarriesVirhe() {
        let policy = RetryPolicy()
        #expect(policy.classify(.httpStatus(400, virhe: Self.virhe)) == .permanent(.rejected(status: 400, virhe: Self.virhe)))
        let unauthorized = policy.classify(.httpStatus(401, virhe: InterfaceErrorBody(code: "KIELLETTY", message: "bad credentials")))
        guard case .permanent(let reason) = unauthorized else { Issue.record("401 not permanent"); return }
        #expect(reason.status == 401)
        #expect(reason.virhe?.code == "KIELLETTY")
        #expect(reason.description.contains("bad credentials"))
    }

    @Test("Retry-After is read as delta-seconds only", arguments: [
        ("0", Duration?.some(.zero)), ("2", .seconds(2)), (" 120 ", .seconds(120)), ("", nil), ("-1", nil),
        ("1.5", nil), ("abc", nil), ("Wed, 21 Oct 2015 07:28:00 GMT", nil), ("99999999999999999999", nil),
    ])
    func retryAfterParsing(header: String, expected: Duration?) {
        #expect(RetryPolicy.retryAfter(from: header) == expected)
    }

    @Test("back-off ceilings double and stop at the cap", arguments: [
        (1, Duration.milliseconds(500)), (2, .seconds(1)), (3, .seconds(2)), (4, .seconds(4)), (5, .seconds(8)),
        (6, .seconds(10)), (7, .seconds(10)), (60, .seconds(10)), (10_000, .seconds(10)),
    ])
    func backoffCeilings(retry: Int, expected: Duration) {
        let policy = RetryPolicy(initialDelay: .milliseconds(500), maxDelay: .seconds(10))
        #expect(policy.backoffCeiling(retry: retry) == expected)
        #expect(policy.backoff(retry: retry, unit: 0) == expected / 2)
        #expect(policy.backoff(retry: retry, unit: 1) == expected)
    }

    @Test("jittered waits stay within [ceiling/2, ceiling] and vary")
    func jitterBounds() {
        let policy = RetryPolicy(maxAttempts: 12, initialDelay: .milliseconds(100), maxDelay: .seconds(5))
        var random = SeededGenerator(seed: 42)
        var waits: [Duration] = []
        var state = RetryState(policy: policy)
        for retry in 1...11 {
            guard case .retry(let wait, _) = state.next(after: .httpStatus(503), using: &random) else {
                Issue.record("attempt \(retry) did not retry")
                return
            }
            let ceiling = policy.backoffCeiling(retry: retry)
            #expect(wait >= ceiling / 2 && wait <= ceiling)
            #expect(wait <= .seconds(5))
            waits.append(wait)
        }
        #expect(Set(waits).count > 5, "jitter produced (nearly) constant waits")
        #expect(state.next(after: .httpStatus(503), using: &random)
            == .fail(.exhausted(attempts: 12, last: .serverError(status: 503, virhe: nil))))
        #expect(state.totalWait == waits.reduce(.zero, +))
    }

    @Test("the same seed gives the same waits")
    func deterministic() {
        func waits(seed: UInt64) -> [RetryAction] {
            var random = SeededGenerator(seed: seed)
            var state = RetryState(policy: RetryPolicy(maxAttempts: 5))
            return (0..<5).map { _ in state.next(after: .transport(.connect, detail: "refused"), using: &random) }
        }
        #expect(waits(seed: 7) == waits(seed: 7))
        #expect(waits(seed: 7) != waits(seed: 8))
    }

    @Test("429 waits at least Retry-After, at most a tenth (max 1 s) more")
    func rateLimitedHonoursRetryAfter() {
        for (header, seconds) in [("3", 3), ("0", 0), ("40", 40)] {
            var low = FixedGenerator(value: 0)
            var high = FixedGenerator(value: .max)
            var stateLow = RetryState(policy: RetryPolicy())
            var stateHigh = RetryState(policy: RetryPolicy())
            let asked = Duration.seconds(seconds)
            let reason = TransientReason.rateLimited(retryAfter: asked)
            #expect(stateLow.next(after: .httpStatus(429, retryAfter: header), using: &low) == .retry(after: asked, reason: reason))
            #expect(stateHigh.next(after: .httpStatus(429, retryAfter: header), using: &high)
                == .retry(after: asked + min(asked / 10, .seconds(1)), reason: reason))
            #expect(stateLow.backoffRetries == 0)
        }
    }

    @Test("429 without a usable Retry-After backs off normally")
    func rateLimitedWithoutHeader() {
        var random = FixedGenerator(value: 0)
        var state = RetryState(policy: RetryPolicy(initialDelay: .seconds(2)))
        #expect(state.next(after: .httpStatus(429, retryAfter: "soon"), using: &random)
            == .retry(after: .seconds(1), reason: .rateLimited(retryAfter: nil)))
    }

    // Known gap closed for issue 6: a 503's Retry-After was ignored and the normal back-off used.
    @Test("503 with Retry-After waits at least that long; a shorter one still backs off")
    func serviceUnavailableHonoursRetryAfter() {
        var low = FixedGenerator(value: 0)
        var state = RetryState(policy: RetryPolicy(initialDelay: .milliseconds(500)))
        let reason = TransientReason.serverError(status: 503, virhe: nil, retryAfter: .seconds(5))
        #expect(state.next(after: .httpStatus(503, retryAfter: "5"), using: &low) == .retry(after: .seconds(5), reason: reason))
        #expect(reason.description.contains("Retry-After 5 s"))
        // Retry-After: 0 never makes a tight loop: the back-off (second retry: ceiling 1 s, half of it) wins.
        #expect(state.next(after: .httpStatus(503, retryAfter: "0"), using: &low)
            == .retry(after: .milliseconds(500), reason: .serverError(status: 503, virhe: nil, retryAfter: .zero)))
        // Only 503 names a pause; a 500's header is not a promise.
        #expect(RetryPolicy().classify(.httpStatus(500, retryAfter: "5")) == .transient(.serverError(status: 500, virhe: nil)))
        var random = SeededGenerator(seed: 3)
        var limited = RetryState(policy: RetryPolicy(maxRetryAfter: .seconds(60)))
        #expect(limited.next(after: .httpStatus(503, retryAfter: "600"), using: &random)
            == .fail(.waitTooLong(requested: .seconds(600), last: .serverError(status: 503, virhe: nil, retryAfter: .seconds(600)))))
    }

    @Test("a Retry-After beyond the policy's limit gives up as transient")
    func retryAfterTooLong() {
        var random = SeededGenerator(seed: 1)
        var state = RetryState(policy: RetryPolicy(maxRetryAfter: .seconds(60)))
        let action = state.next(after: .httpStatus(429, retryAfter: "3600"), using: &random)
        #expect(action == .fail(.waitTooLong(requested: .seconds(3600), last: .rateLimited(retryAfter: .seconds(3600)))))
        if case .fail(let failure) = action { #expect(failure.isTransient) }
    }

    @Test("permanent failures stop at once; success ends the machine", arguments: [400, 401, 403, 404])
    func permanentStops(status: Int) {
        var random = SeededGenerator(seed: 3)
        var state = RetryState(policy: RetryPolicy())
        #expect(state.next(after: .httpStatus(500), using: &random) != .succeed)
        let action = state.next(after: .httpStatus(status, virhe: Self.virhe), using: &random)
        guard case .fail(let failure) = action else { Issue.record("\(status) retried"); return }
        #expect(!failure.isTransient)
        #expect(failure.description.contains("at most 1000 hetu per message"))
        #expect(state.attempts == 2)
        var fresh = RetryState(policy: RetryPolicy())
        #expect(fresh.next(after: .success, using: &random) == .succeed)
    }

    @Test("max attempts counts the first attempt", arguments: [1, 2, 5])
    func maxAttempts(limit: Int) {
        var random = SeededGenerator(seed: 5)
        var state = RetryState(policy: RetryPolicy(maxAttempts: limit, initialDelay: .milliseconds(1)))
        var retries = 0
        while case .retry = state.next(after: .unreadableBody("cut"), using: &random) { retries += 1 }
        #expect(retries == limit - 1)
        #expect(state.attempts == limit)
    }

    @Test("the total wait budget ends retrying early")
    func waitBudget() {
        var random = FixedGenerator(value: .max)
        let policy = RetryPolicy(maxAttempts: 100, initialDelay: .seconds(1), maxDelay: .seconds(4), maxTotalWait: .seconds(10))
        var state = RetryState(policy: policy)
        var waits: [Duration] = []
        while case .retry(let wait, _) = state.next(after: .httpStatus(502), using: &random) { waits.append(wait) }
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4)])
        #expect(state.totalWait <= .seconds(10))
    }
}
