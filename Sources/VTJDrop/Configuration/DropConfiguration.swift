import Logging
import VTJCore
import VTJOperator

/// The validated configuration the appliance runs with: every value typed, every path absolute.
public struct DropConfiguration: Sendable {
    /// Where the configuration came from (`built-in defaults` or the file's path).
    public var source: String
    /// Whether no file was given: the built-in sandbox and example departments are in use.
    public var isBuiltInDefault: Bool
    /// `inbox`: departments drop into `<inbox>/<department>/`.
    public var inbox: String
    /// `outbox`: results go to `<outbox>/<department>/`.
    public var outbox: String
    /// `state`: the appliance's own folder (work, archive, quarantine, database, lock).
    public var state: String
    /// `vtj.*`: the interface, or the in-process sandbox.
    public var interface: InterfaceSettings
    /// Credentials from the environment (the sandbox's defaults in sandbox mode).
    public var credentials: InterfaceCredentials
    /// `watch`, `scan_interval`, `settle_seconds`, `max_file_bytes`.
    public var intake: IntakeSettings
    /// `retention.archive_days`, `retention.quarantine_days`, `retention.outbox_days`.
    public var retention: RetentionPolicy
    /// `schedule.changes_at`, in Finnish time (Europe/Helsinki).
    public var changeSchedule: DailySchedule
    /// `log_level`.
    public var logLevel: Logger.Level
    /// `departments.*`, sorted by id.
    public var departments: [DepartmentSettings]
    /// `status.*`: the operator's HTTP endpoint (nil: off, the default).
    public var status: OperatorSettings? = nil
    /// `duplicates.window` (default 24 h; zero: off): a drop whose bytes equal a drop of the same
    /// department published this recently is answered, and its receipt names the earlier request.
    public var duplicateWindow: Duration = .seconds(24 * 3600)

    /// The department with this id, if configured.
    public func department(_ id: String) -> DepartmentSettings? { departments.first { $0.id == id } }

    /// The SQLite database inside the state folder.
    public var databasePath: String { state + "/" + StateLayout.databaseFileName }
}

/// `vtj.*`: how to reach the population-data interface.
public struct InterfaceSettings: Sendable, Hashable {
    /// Where queries go.
    public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
        /// `vtj.url` absent: start the built-in sandbox in-process on a free loopback port.
        case sandbox
        /// `vtj.url`: the interface (or an external sandbox) at this base URL.
        case remote(url: String)

        public var description: String {
            switch self {
            case .sandbox: "built-in sandbox"
            case .remote(let url): url
            }
        }
    }

    /// `vtj.url` (absent = sandbox).
    public var endpoint: Endpoint
    /// `vtj.x_road_client`: sent as `X-Road-Client` when set (`FI/GOV/0123456-7/subsystem`); the
    /// SOAP wire's mandatory `xrd:client` header.
    public var xRoadClient: String?
    /// `vtj.client_cert`: PEM client certificate for TLS.
    public var clientCertificate: String?
    /// `vtj.client_key`: PEM private key for `client_cert`.
    public var clientKey: String?
    /// `vtj.ca_bundle`: PEM CA bundle that verifies the interface (its CA is not in OS bundles).
    public var caBundle: String?
    /// `vtj.connect_timeout` (default 10 s).
    public var connectTimeout: Duration
    /// `vtj.total_timeout` per HTTP call (default 120 s).
    public var totalTimeout: Duration
    /// `vtj.parallelism`: messages in flight at once (default 4).
    public var parallelism: Int
    /// `vtj.wire`: the interface's encoding (default the XML profile).
    public var wire: WireKind = .xml
    /// `vtj.municipality_codes`: the licensed three-digit municipality codes, named in municipal
    /// requests (required on the JSON wire when a department has municipality operations).
    public var municipalityCodes: [String] = []
    /// `vtj.max_response_bytes`: the largest answer body accepted (default 128 MiB).
    public var maxResponseBytes: Int64 = 128 << 20
    /// `vtj.soap_product`: the SOAP wire's product (`SoSoNimi`), sent verbatim; only with `wire: soap`.
    public var soapProduct: String?
    /// `vtj.x_road_service`: the SOAP wire's `xrd:service`, when not DVV's default in the client's instance.
    public var xRoadService: XRoadServiceID?
}

/// How drops are noticed and when a file counts as complete.
public struct IntakeSettings: Sendable, Hashable {
    /// `watch`: inotify as a hint plus scans, or scans only.
    public enum WatchMode: String, Sendable, Hashable, CaseIterable {
        /// inotify when the kernel offers it, scans always.
        case auto
        /// inotify required (startup fails without it), scans always.
        case inotify
        /// Periodic scans only (network shares give no events).
        case poll
    }

    /// `watch` (default auto).
    public var watch: WatchMode
    /// `scan_interval` (default 5 s).
    public var scanInterval: Duration
    /// `settle_seconds` (default 2 s): how long size and mtime must stay unchanged.
    public var settle: Duration
    /// `hard_link_wait_seconds` (default 600 s): how long an entry with a second name is waited for
    /// (an sftp upload links and unlinks) before it is quarantined unread.
    public var hardLinkWait: Duration
    /// `max_file_bytes` (default 64 MiB): larger drops are never opened.
    public var maxFileBytes: Int64
}
