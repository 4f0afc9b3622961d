import Logging

/// Metadata a caller adds to every log line the client writes for the current task and its child
/// tasks (the parallel messages): the runtime names the department, file and request, so that
/// "VTJ call failed, retrying" tells the operator whose drop is waiting.
///
/// ```swift
/// try await VTJLogContext.$metadata.withValue(["department": "sivistys", "file": "lista.txt"]) {
///     try await client.basicData(hetus: hetus) { … }
/// }
/// ```
/// Never put a henkilötunnus or a credential in it: the values are logged as given.
public enum VTJLogContext {
    /// Added to the client's log lines; empty by default.
    @TaskLocal public static var metadata: Logger.Metadata = [:]
    /// True for calls whose failures the caller reports itself (a health probe repeated every few
    /// seconds must not log the same failure each time): the client then logs nothing below critical.
    @TaskLocal public static var quiet = false
}
