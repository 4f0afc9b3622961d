/// The names of the exposed metrics and the help text `/metrics` adds for each.
enum MetricName {
    static let dropsClaimed = "vtjdrop_drops_claimed_total"
    static let dropsPublished = "vtjdrop_drops_published_total"
    static let dropsRefused = "vtjdrop_drops_refused_total"
    static let dropsFailed = "vtjdrop_drops_failed_total"
    static let henkilotunnusQueried = "vtjdrop_henkilotunnus_queried_total"
    static let personsWithheld = "vtjdrop_persons_withheld_total"
    static let resultBytes = "vtjdrop_result_bytes_written_total"
    static let interfaceCalls = "vtjdrop_interface_calls_total"
    static let interfaceCallSeconds = "vtjdrop_interface_call_duration_seconds"
    static let interfaceRetries = "vtjdrop_interface_retries_total"
    static let interfaceLastSuccess = "vtjdrop_interface_last_success_timestamp_seconds"
    static let gateOpen = "vtjdrop_gate_open"
    static let backlog = "vtjdrop_backlog_drops"
    static let backlogOldestAge = "vtjdrop_backlog_oldest_age_seconds"
    static let journalWriteFailures = "vtjdrop_journal_write_failures_total"
    static let auditWriteFailures = "vtjdrop_audit_write_failures_total"

    /// Interface calls last from milliseconds (`kirjausavain`) to the total timeout (a page of 1000 persons).
    static let interfaceCallBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120),
    ]

    /// `# HELP` text by metric name (swift-metrics carries none, so `/metrics` adds it).
    static let help: [String: String] = [
        dropsClaimed: "Drops claimed from the department's inbox.",
        dropsPublished: "Drops whose result or receipt was published, by outcome (complete, partial, receipt-only).",
        dropsRefused: "Drops refused, by the receipt's reason code (syykoodi).",
        dropsFailed: "Failed attempts at drops (interface, interface-refuses, local, input-changing) and drops failed for good (permanent).",
        henkilotunnusQueried: "Henkilötunnus sent to the population-register interface.",
        personsWithheld: "Persons whose data was withheld in published results, by disclosure rule.",
        resultBytes: "Bytes of results and receipts published into the department's outbox.",
        interfaceCalls: "HTTP calls to the interface, by operation and HTTP status (no-answer: connection, TLS or timeout).",
        interfaceCallSeconds: "Duration of interface calls, by operation.",
        interfaceRetries: "Calls to the interface retried after a transient failure.",
        interfaceLastSuccess: "When the interface last answered a call (Unix time).",
        gateOpen: "1 while the interface gate is open (drops are claimed), 0 while it is closed.",
        backlog: "Drops waiting: in the inbox, and claimed but not finished (in-progress).",
        backlogOldestAge: "Seconds the oldest waiting drop of the department has waited (0 when none waits).",
        journalWriteFailures: "Journal writes that failed.",
        auditWriteFailures: "Audit log writes that failed.",
    ]
}
