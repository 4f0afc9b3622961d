import Foundation
import Logging
import Synchronization
import VTJCore

/// The interface (VTJ-muutosrajapinta, or VTJ-kyselyrajapinta on the SOAP wire) over libcurl:
/// operations, paging, retries and parallel messages, in the encoding of
/// ``VTJClientConfiguration/wire`` (an ``InterfaceWire`` adapter).
///
/// Transfers and body parsing run on ``VTJClientConfiguration/parallelism`` worker threads, each
/// keeping one libcurl handle (and so its connection) for the client's life. Bodies are spooled to an
/// unlinked temporary file and parsed from there, so a response of any size never sits in memory.
/// Log lines carry the operation and request id, and the caller's ``VTJLogContext``; never a full
/// henkilötunnus, never credentials.
public final class VTJInterfaceClient: Sendable {
    /// Sleeps between retries; tests may pass one that records the waits.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    public let configuration: VTJClientConfiguration
    let baseLogger: Logger
    let sleeper: Sleeper
    let pool: CurlWorkerPool
    let ids = MessageIDGenerator()
    let counters = Mutex(ClientStatistics())
    /// Numbers the operations sharing the worker pool (each one drop's), so it can share them fairly.
    private let owners = Atomic(0)
    let baseURL: String
    /// The credentials sent from now on (``useCredentials(_:)`` replaces them without a restart).
    let credentials: Mutex<BasicCredentials>
    /// The encoding: every body, path and header that differs between wires comes from here.
    let wire: any InterfaceWire
    /// Told of every attempt (``observe(_:)``); the runtime's metrics.
    let observer = Mutex<CallObserver?>(nil)

    /// A client; fails when the configuration cannot work (nothing is sent yet).
    public init(
        configuration: VTJClientConfiguration,
        logger: Logger = Logger(label: "vtjdrop.client"),
        sleeper: @escaping Sleeper = { try await Task.sleep(for: $0) }
    ) throws(VTJClientError) {
        try Self.validate(configuration)
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.configuration = configuration
        self.credentials = Mutex(configuration.credentials)
        self.baseLogger = logger
        self.sleeper = sleeper
        // One spare worker: another drop's message never waits behind a large drop's (issue 15).
        self.pool = CurlWorkerPool(size: max(1, configuration.parallelism), spare: 1)
        self.wire = switch (configuration.wire, configuration.soap) {
        case (.xml, _): XMLWire()
        case (.json, _): JSONWire()
        case (.soap, let soap?): SOAPWire(settings: soap)
        // validate(_:) refuses this before.
        case (.soap, nil): XMLWire()
        }
    }

    /// The encoding this client speaks.
    public var wireKind: WireKind { wire.kind }

    deinit { pool.shutdown() }

    /// Ends the worker threads and waits until each has fully exited; call before the program
    /// exits. `exit()` runs OpenSSL's cleanup (libcurl's atexit) and libxml2's: beside a worker
    /// still ending, both freed that thread's OpenSSL state and the heap was corrupted
    /// (`run --once` aborted at exit, exit 134). Later calls fail with "the client was shut down".
    public func shutdown() { pool.shutdownAndJoin() }

    /// The client's logger with the caller's ``VTJLogContext`` (department, file, request) added.
    var logger: Logger {
        var logger = baseLogger
        for (key, value) in VTJLogContext.metadata { logger[metadataKey: key] = value }
        // A probe's failures are reported by its caller, once per change of state.
        if VTJLogContext.quiet { logger.logLevel = .critical }
        return logger
    }

    /// Sends `replacement` from the next request on (the operator fixed the password file).
    public func useCredentials(_ replacement: BasicCredentials) { credentials.withLock { $0 = replacement } }

    /// Tells `observer` of every attempt from now on (one observer; a later call replaces it).
    public func observe(_ observer: @escaping CallObserver) { self.observer.withLock { $0 = observer } }

    /// Counters since the client was made.
    public var statistics: ClientStatistics { counters.withLock { $0 } }

    /// A new owner for ``CurlWorkerPool/run(owner:_:)``: one per operation, all its messages under it.
    func newOwner() -> Int { owners.add(1, ordering: .relaxed).newValue }

    private static func validate(_ configuration: VTJClientConfiguration) throws(VTJClientError) {
        let base = configuration.baseURL
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw .configuration("base URL must start with http:// or https:// (got '\(base.prefix(40))')")
        }
        let authority = base.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
        guard !authority.contains("@") else {
            throw .configuration("base URL must not contain credentials; set the user and password separately")
        }
        guard configuration.maxResponseBytes >= 1024 else {
            throw .configuration("the response cap must be at least 1 KiB (got \(configuration.maxResponseBytes) bytes)")
        }
        if configuration.wire == .soap, configuration.soap == nil {
            throw .configuration("the soap wire needs the product and the X-Road client (vtj.soap_product, vtj.x_road_client)")
        }
        guard configuration.parallelism >= 1 else {
            throw .configuration("parallelism must be at least 1 (got \(configuration.parallelism))")
        }
        let files = [
            ("client certificate", configuration.tls.clientCertificatePath),
            ("client key", configuration.tls.clientKeyPath),
            ("CA bundle", configuration.tls.caBundlePath),
        ]
        for case (let role, let path?) in files where access(path, R_OK) != 0 {
            throw .configuration("\(role) \(path) is not readable; check the path and its permissions")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.temporaryDirectory, isDirectory: &isDirectory),
              isDirectory.boolValue, access(configuration.temporaryDirectory, W_OK) == 0
        else {
            throw .configuration("temporary directory \(configuration.temporaryDirectory) is not a writable directory")
        }
    }

    /// Builds the HTTP request for one attempt: the wire's exchange plus what every call carries.
    /// A wire that carries the credentials and the X-Road client in its body (SOAP) gets neither
    /// as HTTP, and an empty path means the configured URL exactly as written.
    func httpRequest(_ exchange: WireRequest, messageID: String) -> HTTPRequest {
        var headers: [(String, String)] = [
            ("X-Request-Id", messageID),
            // Without this libcurl waits for a 100 Continue on larger bodies.
            ("Expect", ""),
        ]
        headers += exchange.headers
        let inBody = wire.credentialsInBody
        if !inBody, let client = configuration.xRoadClient { headers.append(("X-Road-Client", client)) }
        let url = exchange.path.isEmpty ? configuration.baseURL : baseURL + exchange.path
        var request = HTTPRequest(method: exchange.method, url: url, headers: headers, body: exchange.body)
        if !inBody { request.credentials = credentials.withLock { $0 } }
        request.tls = configuration.tls
        request.connectTimeoutMilliseconds = Self.milliseconds(configuration.connectTimeout)
        request.totalTimeoutMilliseconds = Self.milliseconds(configuration.requestTimeout)
        request.maxBodyBytes = configuration.maxResponseBytes
        return request
    }

    /// At least 1: libcurl reads 0 as "no timeout".
    private static func milliseconds(_ duration: Duration) -> Int { max(1, Int(duration.wholeMilliseconds)) }

    static func unixMillis() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970 * 1000))
    }
}
