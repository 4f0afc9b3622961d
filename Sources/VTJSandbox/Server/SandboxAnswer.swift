import VTJCore

/// What the sandbox answers an API request with, before any encoding: built once from the
/// registry, changed by model-level faults, then encoded for the wire the request spoke. So one
/// population and one fault model serve both wires alike.
enum SandboxAnswer: Sendable, Equatable {
    /// A basic-data page (`poimintapv` for a `/perustiedot-vko` snapshot).
    case basicData([Person], page: PerustiedotPageInfo, extractionDate: String?)
    /// A change page.
    case changes([Change], page: MuutoksetPageInfo)
    /// A log key.
    case logKey(Int64)
}
