/// The HTTP transport (libcurl) could not complete a request.
public enum HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case setup(String)
    case transfer(code: Int, reason: String)

    public var description: String {
        switch self {
        case .setup(let reason): "HTTP client setup failed: \(reason); check the libcurl installation"
        case .transfer(let code, let reason): "HTTP transfer failed (curl \(code)): \(reason)"
        }
    }
}
