import Testing

/// The tests that run the real daemon (and Chromium, script(1)) as processes, one at a time: run
/// side by side they would load a two-core machine enough to starve other suites' timing.
@Suite(.serialized) struct OperatorProcessTests {}
