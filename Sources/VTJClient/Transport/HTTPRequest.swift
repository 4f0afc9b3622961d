/// One HTTP request as the transport sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var connectTimeoutMilliseconds: Int = 10_000
    /// The whole transfer, body included.
    public var totalTimeoutMilliseconds: Int = 300_000
    /// HTTP Basic credentials, sent as libcurl options (never part of the URL).
    public var credentials: BasicCredentials?
    /// Client certificate, key and trust anchors for https.
    public var tls = TLSOptions()
    /// Largest body accepted; the transfer stops once more arrives (an endless body cannot fill the disk).
    public var maxBodyBytes: Int64 = .max

    public init(method: String, url: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response: status, headers (names as sent) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// New connections libcurl opened for this transfer (0 when a kept-alive one was reused).
    public var newConnections: Int = 0

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// Status and headers of a response whose body went to a file.
public struct HTTPResponseHead: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    /// Body bytes written to the file.
    public var bodyBytes: Int64
    /// New connections libcurl opened for this transfer (0 when a kept-alive one was reused).
    public var newConnections: Int
    /// How long each phase took, and where the connection went.
    public var timing = HTTPTiming()

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// Phases of one transfer as libcurl measured them (cumulative from the start, in seconds), and
/// the address it connected to; for the operator's connection check.
public struct HTTPTiming: Sendable, Hashable {
    /// Name resolved.
    public var nameLookup: Double = 0
    /// TCP connected.
    public var connect: Double = 0
    /// TLS handshake done (0 for plain http).
    public var tlsHandshake: Double = 0
    /// First byte of the answer.
    public var firstByte: Double = 0
    /// Whole transfer.
    public var total: Double = 0
    /// The IP address connected to.
    public var remoteAddress: String?

    public init() {}
}
