import Foundation
import Hummingbird

/// Answers `/`, `/metrics`, `/healthz` and `/readyz` (GET and HEAD); everything else is 404 or 405.
struct OperatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let source: any OperatorSnapshotSource
    let metrics: ApplianceMetrics
    let page: StatusPage
    let decision: HealthDecision
    let credentials: OperatorCredentials?
    let now: @Sendable () -> Date

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "only GET and HEAD are served here\n", extra: [.allow: "GET, HEAD"])
        }
        if let credentials, !credentials.accept(authorization: request.headers[.authorization]) {
            return Self.text(.unauthorized, "authentication required (status.user)\n",
                             extra: [.wwwAuthenticate: "Basic realm=\"vtjdrop\", charset=\"UTF-8\""])
        }
        var response = try await route(request.uri.path)
        if request.method == .head { response.body = ResponseBody() }
        return response
    }

    private func route(_ path: String) async throws -> Response {
        switch path {
        case "/", "/index.html":
            let at = now()
            let snapshot = await read(at)
            let body: String
            switch snapshot {
            case .success(let value): body = page.render(value, now: at, health: decision.health(snapshot, now: at))
            case .failure(let problem): body = page.renderUnavailable(problem)
            }
            return Self.response(.ok, body, contentType: "text/html; charset=utf-8")
        case "/metrics":
            let at = now()
            if case .success(let snapshot) = await read(at) { metrics.refresh(from: snapshot, now: at) }
            return Self.response(.ok, metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        case "/healthz", "/readyz":
            let at = now()
            let snapshot = await read(at)
            let verdict = path == "/healthz" ? decision.health(snapshot, now: at) : decision.readiness(snapshot, now: at)
            return Self.text(verdict.isHealthy ? .ok : .serviceUnavailable, verdict.description + "\n")
        default:
            return Self.text(.notFound, "not found; try / (status page), /metrics, /healthz or /readyz\n")
        }
    }

    private func read(_ at: Date) async -> Result<OperatorSnapshot, SnapshotUnavailable> {
        do { return .success(try await source.snapshot(now: at)) } catch { return .failure(error) }
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String, extra: HTTPFields = [:]) -> Response {
        response(status, body, contentType: "text/plain; charset=utf-8", extra: extra)
    }

    /// Every answer forbids scripts, framing, caching and sniffing: the page is data about personal-data
    /// processing even without any personal data on it.
    private static func response(_ status: HTTPResponse.Status, _ body: String, contentType: String,
                                 extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: contentType,
            .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'",
            .xContentTypeOptions: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
