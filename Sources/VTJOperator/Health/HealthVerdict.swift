import VTJCore

/// A health or readiness answer: 200 or 503 and one line saying why.
public struct HealthVerdict: Sendable, Hashable, CustomStringConvertible {
    /// Whether the probe passes.
    public var isHealthy: Bool
    /// One line, henkilötunnus masked, no line breaks: what a probe log or a load balancer shows.
    public var reason: String

    /// A verdict; the reason is masked and folded onto one line here, whoever built it.
    public init(isHealthy: Bool, reason: String) {
        self.isHealthy = isHealthy
        self.reason = DropFileName.maskingHetus(in: reason.split(whereSeparator: \.isNewline).joined(separator: " "))
    }

    static func healthy(_ reason: String) -> HealthVerdict { HealthVerdict(isHealthy: true, reason: reason) }
    static func unhealthy(_ reason: String) -> HealthVerdict { HealthVerdict(isHealthy: false, reason: reason) }

    /// 200 or 503.
    public var httpStatus: Int { isHealthy ? 200 : 503 }

    /// `ok: <reason>` or `unhealthy: <reason>`, the body the endpoints send.
    public var description: String { (isHealthy ? "ok: " : "unhealthy: ") + reason }
}
