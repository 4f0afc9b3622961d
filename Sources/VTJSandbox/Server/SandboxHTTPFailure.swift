import Hummingbird
import NIOCore
import VTJCore

/// A non-2xx answer with an error body in the request's wire (`virhe` on XML, `{"koodi", "viesti"}`
/// on JSON); thrown inside the responder, turned into a response.
struct SandboxHTTPFailure: Error, Sendable, CustomStringConvertible {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var retryAfter: Int?

    init(status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    var description: String { "\(status.code) \(code): \(message)" }

    static func notFound(_ path: String) -> SandboxHTTPFailure {
        SandboxHTTPFailure(status: .notFound, code: "TUNTEMATON_POLKU", message: "no such path \(path.prefix(80)); the API is under /api/v1")
    }

    static func method(_ method: HTTPRequest.Method, _ expected: String) -> SandboxHTTPFailure {
        SandboxHTTPFailure(status: .methodNotAllowed, code: "VIRHEELLINEN_METODI", message: "\(method.rawValue) not allowed here; use \(expected)")
    }

    func response(_ wire: SandboxWire) -> Response {
        var headers: HTTPFields = [.contentType: wire.contentType]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = wire.error(code: code, message: message)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
