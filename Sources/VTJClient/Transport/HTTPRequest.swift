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

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
