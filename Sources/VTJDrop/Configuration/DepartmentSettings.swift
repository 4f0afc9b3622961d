import VTJCore

/// `departments.<id>`: the department's disclosure profile plus how its drops are picked up.
public struct DepartmentSettings: Sendable, Hashable {
    /// Purposes, data groups, format, CSV dialect, municipality licence (validated by VTJCore).
    public var profile: DepartmentProfile
    /// `readiness`: when a dropped file counts as complete (default settle).
    public var readiness: ReadinessMode

    /// A department's settings.
    public init(profile: DepartmentProfile, readiness: ReadinessMode = .settle) {
        self.profile = profile
        self.readiness = readiness
    }

    /// The id, also the folder name under inbox and outbox (`sivistys`).
    public var id: String { profile.id }

}
