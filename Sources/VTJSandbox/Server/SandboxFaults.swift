/// Faults the sandbox injects into API responses (never into `/admin`).
///
/// Shares are probabilities per request (0…1, drawn from a seeded generator); `…Next` counts
/// make the next N requests fail that way, which is what deterministic tests want.
public struct SandboxFaults: Sendable, Hashable, Codable {
    /// Added delay before every API response, in milliseconds.
    public var latencyMs: Int
    /// Share of requests answered 500.
    public var errorRate: Double
    /// The next N requests are answered 500.
    public var errorNext: Int
    /// Share of requests answered 429 with `Retry-After`.
    public var rateLimitRate: Double
    /// The next N requests are answered 429.
    public var rateLimitNext: Int
    /// Seconds in `Retry-After` of a 429 or 503.
    public var retryAfterSeconds: Int
    /// Share of requests answered 503 with `Retry-After` (maintenance).
    public var unavailableRate: Double
    /// The next N requests are answered 503 with `Retry-After`.
    public var unavailableNext: Int
    /// Share of 200 responses whose body is cut mid-stream (Content-Length promises more).
    public var truncateRate: Double
    /// The next N 200 responses are cut mid-stream.
    public var truncateNext: Int
    /// Share of requests answered by a security server's error (`X-Road-Error`, JSON body).
    public var xRoadErrorRate: Double
    /// The next N requests are answered by a security server's error.
    public var xRoadErrorNext: Int
    /// The `X-Road-Error` type sent (`Server.*` comes with 500, `Client.*` with 400).
    public var xRoadErrorType: String
    /// Share of 200 responses whose body never ends (blanks after the answer, up to ``endlessBytes``).
    public var endlessRate: Double
    /// The next N 200 responses have a body that never ends.
    public var endlessNext: Int
    /// Where an "endless" body stops if the client never hangs up (bounded, so a test run ends by itself).
    public var endlessBytes: Int64
    /// Share of API requests answered 404 (a wrong base URL or path, as the operator's mistake looks).
    public var notFoundRate: Double
    /// The next N API requests are answered 404.
    public var notFoundNext: Int
    /// The next N basic-data requests are answered 400 with a `virhe` quoting the first hetu asked
    /// (an interface whose error texts echo the request).
    public var rejectQuotingNext: Int
    /// Share of persons in a basic-data answer sent twice with different content: first a copy
    /// without any turvakielto and with every group uncensored, then the true one.
    public var contradictRate: Double
    /// Share of persons in a basic-data answer sent without their TURVAKIELTO group (and, if
    /// protected, with every group uncensored).
    public var dropTurvakieltoRate: Double

    /// Defaults: no faults, `Retry-After: 1`.
    public init(
        latencyMs: Int = 0, errorRate: Double = 0, errorNext: Int = 0, rateLimitRate: Double = 0,
        rateLimitNext: Int = 0, retryAfterSeconds: Int = 1, truncateRate: Double = 0, truncateNext: Int = 0,
        unavailableRate: Double = 0, unavailableNext: Int = 0,
        xRoadErrorRate: Double = 0, xRoadErrorNext: Int = 0, xRoadErrorType: String = "Server.ServerProxy.ServiceFailed",
        endlessRate: Double = 0, endlessNext: Int = 0, endlessBytes: Int64 = 4 << 30,
        notFoundRate: Double = 0, notFoundNext: Int = 0,
        rejectQuotingNext: Int = 0, contradictRate: Double = 0, dropTurvakieltoRate: Double = 0
    ) {
        self.latencyMs = latencyMs
        self.errorRate = errorRate
        self.errorNext = errorNext
        self.rateLimitRate = rateLimitRate
        self.rateLimitNext = rateLimitNext
        self.retryAfterSeconds = retryAfterSeconds
        self.truncateRate = truncateRate
        self.truncateNext = truncateNext
        self.unavailableRate = unavailableRate
        self.unavailableNext = unavailableNext
        self.xRoadErrorRate = xRoadErrorRate
        self.xRoadErrorNext = xRoadErrorNext
        self.xRoadErrorType = xRoadErrorType
        self.endlessRate = endlessRate
        self.endlessNext = endlessNext
        self.endlessBytes = endlessBytes
        self.notFoundRate = notFoundRate
        self.notFoundNext = notFoundNext
        self.rejectQuotingNext = rejectQuotingNext
        self.contradictRate = contradictRate
        self.dropTurvakieltoRate = dropTurvakieltoRate
    }

    /// No faults at all.
    public static let none = SandboxFaults()

    // Decoding fills absent keys with defaults, so the admin endpoint accepts partial JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            latencyMs: try c.decodeIfPresent(Int.self, forKey: .latencyMs) ?? 0,
            errorRate: try c.decodeIfPresent(Double.self, forKey: .errorRate) ?? 0,
            errorNext: try c.decodeIfPresent(Int.self, forKey: .errorNext) ?? 0,
            rateLimitRate: try c.decodeIfPresent(Double.self, forKey: .rateLimitRate) ?? 0,
            rateLimitNext: try c.decodeIfPresent(Int.self, forKey: .rateLimitNext) ?? 0,
            retryAfterSeconds: try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? 1,
            truncateRate: try c.decodeIfPresent(Double.self, forKey: .truncateRate) ?? 0,
            truncateNext: try c.decodeIfPresent(Int.self, forKey: .truncateNext) ?? 0,
            unavailableRate: try c.decodeIfPresent(Double.self, forKey: .unavailableRate) ?? 0,
            unavailableNext: try c.decodeIfPresent(Int.self, forKey: .unavailableNext) ?? 0,
            xRoadErrorRate: try c.decodeIfPresent(Double.self, forKey: .xRoadErrorRate) ?? 0,
            xRoadErrorNext: try c.decodeIfPresent(Int.self, forKey: .xRoadErrorNext) ?? 0,
            xRoadErrorType: try c.decodeIfPresent(String.self, forKey: .xRoadErrorType) ?? "Server.ServerProxy.ServiceFailed",
            endlessRate: try c.decodeIfPresent(Double.self, forKey: .endlessRate) ?? 0,
            endlessNext: try c.decodeIfPresent(Int.self, forKey: .endlessNext) ?? 0,
            endlessBytes: try c.decodeIfPresent(Int64.self, forKey: .endlessBytes) ?? 4 << 30,
            notFoundRate: try c.decodeIfPresent(Double.self, forKey: .notFoundRate) ?? 0,
            notFoundNext: try c.decodeIfPresent(Int.self, forKey: .notFoundNext) ?? 0,
            rejectQuotingNext: try c.decodeIfPresent(Int.self, forKey: .rejectQuotingNext) ?? 0,
            contradictRate: try c.decodeIfPresent(Double.self, forKey: .contradictRate) ?? 0,
            dropTurvakieltoRate: try c.decodeIfPresent(Double.self, forKey: .dropTurvakieltoRate) ?? 0)
    }
}
