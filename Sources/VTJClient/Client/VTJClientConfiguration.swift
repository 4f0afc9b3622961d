import VTJCore

/// Everything the client needs to reach the interface.
public struct VTJClientConfiguration: Sendable, CustomStringConvertible {
    /// e.g. `https://<security-server>/r1/FI/GOV/0245437-2/VTJmutpa/VTJmutpa/api/v1` or the sandbox's
    /// `http://127.0.0.1:<port>/api/v1`; no credentials in it.
    public var baseURL: String
    /// HTTP Basic credentials, sent on every call.
    public var credentials: BasicCredentials
    /// `X-Road-Client: FI/GOV/<business-id>/<subsystem>`, when configured.
    public var xRoadClient: String?
    /// Client certificate, key and CA bundle for https.
    public var tls: TLSOptions
    /// Time to establish a connection.
    public var connectTimeout: Duration
    /// Time for one whole attempt, body included.
    public var requestTimeout: Duration
    /// Messages in flight at once (and worker threads, each keeping its connection).
    public var parallelism: Int
    /// Retry limits and back-off.
    public var retryPolicy: RetryPolicy
    /// Hetus per message (the server's limit is 1000; smaller values help tests).
    public var maxHetusPerMessage: Int
    /// Where response bodies are spooled (unlinked at once, so nothing stays behind).
    public var temporaryDirectory: String
    /// The encoding spoken (`vtj.wire`).
    public var wire: WireKind
    /// The licensed municipality codes (`vtj.municipality_codes`), named in municipal requests;
    /// empty = the XML profile's "every licensed municipality" (the JSON wire needs them named).
    public var municipalityCodes: [String]
    /// Largest response body spooled (`vtj.max_response_bytes`); a longer one is cut off and the call fails.
    public var maxResponseBytes: Int64
    /// The SOAP wire's product and X-Road identifiers (required with ``wire`` `.soap`).
    public var soap: SOAPSettings?

    /// The default cap of a response body: 128 MiB, far above a page of 1000 persons with every group.
    public static let defaultMaxResponseBytes: Int64 = 128 << 20

    public init(
        baseURL: String,
        credentials: BasicCredentials,
        xRoadClient: String? = nil,
        tls: TLSOptions = TLSOptions(),
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(300),
        parallelism: Int = 4,
        retryPolicy: RetryPolicy = RetryPolicy(),
        maxHetusPerMessage: Int = Restriction.maxHetusPerMessage,
        temporaryDirectory: String = "/tmp",
        wire: WireKind = .xml,
        municipalityCodes: [String] = [],
        maxResponseBytes: Int64 = VTJClientConfiguration.defaultMaxResponseBytes,
        soap: SOAPSettings? = nil
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.xRoadClient = xRoadClient
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.parallelism = parallelism
        self.retryPolicy = retryPolicy
        self.maxHetusPerMessage = maxHetusPerMessage
        self.temporaryDirectory = temporaryDirectory
        self.wire = wire
        self.municipalityCodes = municipalityCodes
        self.maxResponseBytes = maxResponseBytes
        self.soap = soap
    }

    public var description: String {
        "VTJClientConfiguration(wire: \(wire), baseURL: \(baseURL), credentials: <redacted>, xRoadClient: \(xRoadClient ?? "none"), "
            + "\(tls), parallelism: \(parallelism), maxResponseBytes: \(maxResponseBytes)"
            + (soap.map { ", \($0)" } ?? "") + ")"
    }
}
