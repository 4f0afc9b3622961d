import Hummingbird
import NIOCore
import VTJCore
import VTJXML

/// A non-2xx answer with a `virhe` body; thrown inside the responder, turned into a response.
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

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/xml; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = ResponseXML.error(InterfaceErrorBody(code: code, message: message))
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
