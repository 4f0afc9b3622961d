import Logging
import VTJCore
import VTJOperator

/// The validated configuration the appliance runs with: every value typed, every path absolute.
package struct DropConfiguration: Sendable {
    /// Where the configuration came from (`built-in defaults` or the file's path).
    package var source: String
    /// Whether no file was given: the built-in sandbox and example departments are in use.
    package var isBuiltInDefault: Bool
    /// `inbox`: departments drop into `<inbox>/<department>/`.
    package var inbox: String
    /// `outbox`: results go to `<outbox>/<department>/`.
    package var outbox: String
    /// `state`: the appliance's own folder (work, archive, quarantine, database, lock).
    package var state: String
    /// `vtj.*`: the interface, or the in-process sandbox.
    package var interface: InterfaceSettings
    /// Credentials from the environment (the sandbox's defaults in sandbox mode).
    package var credentials: InterfaceCredentials
    /// `watch`, `scan_interval`, `settle_seconds`, `max_file_bytes`.
    package var intake: IntakeSettings
    /// `retention.archive_days`, `retention.quarantine_days`, `retention.outbox_days`.
    package var retention: RetentionPolicy
    /// `schedule.changes_at`, in Finnish time (Europe/Helsinki).
    package var changeSchedule: DailySchedule
    /// `log_level`.
    package var logLevel: Logger.Level
    /// `departments.*`, sorted by id.
    package var departments: [DepartmentSettings]
    /// `status.*`: the operator's HTTP endpoint (nil: off, the default).
    package var status: OperatorSettings? = nil
    /// `duplicates.window` (default 24 h; zero: off): a drop whose bytes equal a drop of the same
    /// department published this recently is answered, and its receipt names the earlier request.
    package var duplicateWindow: Duration = .seconds(24 * 3600)

    /// The department with this id, if configured.
    package func department(_ id: String) -> DepartmentSettings? { departments.first { $0.id == id } }

    /// The SQLite database inside the state folder.
    package var databasePath: String { state + "/" + StateLayout.databaseFileName }
}

/// `vtj.*`: how to reach the population-data interface.
package struct InterfaceSettings: Sendable, Hashable {
    /// Where queries go.
    package enum Endpoint: Sendable, Hashable, CustomStringConvertible {
        /// `vtj.url` absent: start the built-in sandbox in-process on a free loopback port.
        case sandbox
        /// `vtj.url`: the interface (or an external sandbox) at this base URL.
        case remote(url: String)

        package var description: String {
            switch self {
            case .sandbox: "built-in sandbox"
            case .remote(let url): url
            }
        }
    }

    /// `vtj.url` (absent = sandbox).
    package var endpoint: Endpoint
    /// `vtj.x_road_client`: sent as `X-Road-Client` when set (`FI/GOV/0123456-7/subsystem`); the
    /// SOAP wire's mandatory `xrd:client` header.
    package var xRoadClient: String?
    /// `vtj.client_cert`: PEM client certificate for TLS.
    package var clientCertificate: String?
    /// `vtj.client_key`: PEM private key for `client_cert`.
    package var clientKey: String?
    /// `vtj.ca_bundle`: PEM CA bundle that verifies the interface (its CA is not in OS bundles).
    package var caBundle: String?
    /// `vtj.connect_timeout` (default 10 s).
    package var connectTimeout: Duration
    /// `vtj.total_timeout` per HTTP call (default 120 s).
    package var totalTimeout: Duration
    /// `vtj.parallelism`: messages in flight at once (default 4).
    package var parallelism: Int
    /// `vtj.wire`: the interface's encoding (default the XML profile).
    package var wire: WireKind = .xml
    /// `vtj.municipality_codes`: the licensed three-digit municipality codes, named in municipal
    /// requests (required on the JSON wire when a department has municipality operations).
    package var municipalityCodes: [String] = []
    /// `vtj.max_response_bytes`: the largest answer body accepted (default 128 MiB).
    package var maxResponseBytes: Int64 = 128 << 20
    /// `vtj.soap_product`: the SOAP wire's product (`SoSoNimi`), sent verbatim; only with `wire: soap`.
    package var soapProduct: String?
    /// `vtj.x_road_service`: the SOAP wire's `xrd:service`, when not DVV's default in the client's instance.
    package var xRoadService: XRoadServiceID?
}

/// How drops are noticed and when a file counts as complete.
package struct IntakeSettings: Sendable, Hashable {
    /// `watch`: inotify as a hint plus scans, or scans only.
    package enum WatchMode: String, Sendable, Hashable, CaseIterable {
        /// inotify when the kernel offers it, scans always.
        case auto
        /// inotify required (startup fails without it), scans always.
        case inotify
        /// Periodic scans only (network shares give no events).
        case poll
    }

    /// `watch` (default auto).
    package var watch: WatchMode
    /// `scan_interval` (default 5 s).
    package var scanInterval: Duration
    /// `settle_seconds` (default 2 s): how long size and mtime must stay unchanged.
    package var settle: Duration
    /// `hard_link_wait_seconds` (default 600 s): how long an entry with a second name is waited for
    /// (an sftp upload links and unlinks) before it is quarantined unread.
    package var hardLinkWait: Duration
    /// `max_file_bytes` (default 64 MiB): larger drops are never opened.
    package var maxFileBytes: Int64
}
