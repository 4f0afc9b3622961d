import VTJCore

/// `departments.<id>`: the department's disclosure profile plus how its drops are picked up.
public struct DepartmentSettings: Sendable, Hashable {
    /// Purposes, data groups, format, CSV dialect, municipality licence (validated by VTJCore).
    public var profile: DepartmentProfile
    /// `readiness`: when a dropped file counts as complete (default settle).
    public var readiness: ReadinessMode

    /// `language`: the language of its receipts and pending notes (`fi`, the default, or `sv`).
    public var language: Language

    /// A department's settings.
    public init(profile: DepartmentProfile, readiness: ReadinessMode = .settle, language: Language = .finnish) {
        self.profile = profile
        self.readiness = readiness
        self.language = language
    }

    /// How this department's receipts are written.
    public var receiptRenderer: ReceiptRenderer { ReceiptRenderer(language: language) }

    /// The id, also the folder name under inbox and outbox (`sivistys`).
    public var id: String { profile.id }

}
