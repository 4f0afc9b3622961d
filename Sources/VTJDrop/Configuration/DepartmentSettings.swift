import VTJCore

/// `departments.<id>`: the department's disclosure profile plus how its drops are picked up.
package struct DepartmentSettings: Sendable, Hashable {
    /// Purposes, data groups, format, CSV dialect, municipality licence (validated by VTJCore).
    package var profile: DepartmentProfile
    /// `readiness`: when a dropped file counts as complete (default settle).
    package var readiness: ReadinessMode

    /// `language`: the language of its receipts and pending notes (`fi`, the default, or `sv`).
    package var language: Language

    /// A department's settings.
    package init(profile: DepartmentProfile, readiness: ReadinessMode = .settle, language: Language = .finnish) {
        self.profile = profile
        self.readiness = readiness
        self.language = language
    }

    /// How this department's receipts are written.
    package var receiptRenderer: ReceiptRenderer { ReceiptRenderer(language: language) }

    /// The id, also the folder name under inbox and outbox (`sivistys`).
    package var id: String { profile.id }

}
