import VTJCore

/// The HTTP transport (libcurl) could not complete a request.
public enum HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case setup(String)
    case transfer(code: Int, reason: String)
    /// The caller cancelled the transfer.
    case cancelled
    /// The body could not be written to its temporary file.
    case bodyWrite(errno: Int32)
    /// The body grew past the request's cap and the transfer was stopped.
    case bodyTooLarge(limit: Int64)

    public var description: String {
        switch self {
        case .setup(let reason): "HTTP client setup failed: \(reason); check the libcurl installation"
        case .transfer(let code, let reason): "HTTP transfer failed (curl \(code)): \(reason)"
        case .cancelled: "HTTP transfer cancelled"
        case .bodyWrite(let errno): "could not write the response to a temporary file (errno \(errno)); check free space in the temporary directory"
        case .bodyTooLarge(let limit):
            "the answer was longer than vtj.max_response_bytes (\(limit) bytes) and was cut off; "
                + "raise vtj.max_response_bytes if the interface's pages really are this large, otherwise report the interface's answer"
        }
    }

    /// The kind of failure for the retry policy.
    public var problem: TransportProblem {
        switch self {
        case .setup: .configuration
        case .cancelled, .bodyWrite: .other
        case .bodyTooLarge: .tooLarge
        case .transfer(let code, _): HTTPTransportError.problem(curlCode: code)
        }
    }

    /// Maps libcurl's error codes (curl.h) onto the policy's kinds.
    static func problem(curlCode code: Int) -> TransportProblem {
        switch code {
        case 5, 6, 7: .connect  // proxy or host not resolved, could not connect
        case 28: .timeout
        case 18: .truncated  // partial file: fewer bytes than announced
        // Certificate or key files, CA bundle, peer verification, pinning: a person must fix these.
        case 53, 54, 58, 59, 60, 66, 77, 82, 83, 90, 91: .tls
        case 1, 3, 4, 43, 47, 48: .configuration  // unsupported protocol, bad URL, not built in
        default: .other  // 35 handshake, 52 empty reply, 55/56 send/receive, 92 HTTP/2 stream…
        }
    }
}
