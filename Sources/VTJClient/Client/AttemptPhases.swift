import Logging
import VTJCore

/// Where one successful attempt's time went, for the debug log line "VTJ call done": so an operator
/// (and `scripts/bench-e2e`'s reader) can tell a slow interface from a worker that parsed slowly
/// or a message that queued for a worker (docs/performance.md, "Where a large drop's time goes").
struct AttemptPhases: Sendable {
    /// From the call being handed to the worker pool to a worker starting it (other messages ahead).
    var queued: Duration
    /// From the transfer's start to the answer's first byte: the interface building it (and the connection).
    var firstByte: Duration
    /// The part of `firstByte` spent connecting (zero on a kept-alive connection).
    var connect: Duration
    /// Connections opened for this attempt (0: an existing one was reused).
    var newConnections: Int
    /// From the first byte to the last: the body arriving and being spooled.
    var body: Duration
    /// The answer read from the spool and handed on, on the same worker (the caller's batches included).
    var parse: Duration
    /// When the worker was done with the attempt: from here to the log line is the result's way
    /// back to the awaiting task (the continuation resumed on the drop's executor).
    var ended: ContinuousClock.Instant = .now

    init(queued: Duration, timing: HTTPTiming, newConnections: Int = 0, parse: Duration) {
        self.queued = queued
        self.firstByte = .seconds(max(0, timing.firstByte))
        self.connect = .seconds(max(0, timing.connect))
        self.newConnections = newConnections
        self.body = .seconds(max(0, timing.total - timing.firstByte))
        self.parse = parse
    }

    /// `vtj.queued-ms`, `vtj.connect-ms`, `vtj.new-connections`, `vtj.first-byte-ms`, `vtj.body-ms`,
    /// `vtj.parse-ms`, and `vtj.resume-ms` (from ``ended`` to `resumed`, when the awaiting task ran again).
    func metadata(resumed: ContinuousClock.Instant = .now) -> Logger.Metadata {
        ["vtj.resume-ms": "\(max(.zero, resumed - ended).wholeMilliseconds)",
         "vtj.queued-ms": "\(queued.wholeMilliseconds)", "vtj.connect-ms": "\(connect.wholeMilliseconds)",
         "vtj.new-connections": "\(newConnections)", "vtj.first-byte-ms": "\(firstByte.wholeMilliseconds)",
         "vtj.body-ms": "\(body.wholeMilliseconds)", "vtj.parse-ms": "\(parse.wholeMilliseconds)"]
    }
}
