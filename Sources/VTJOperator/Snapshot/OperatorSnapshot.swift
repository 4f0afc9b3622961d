import Foundation

/// What the operator's endpoint shows, as one plain value the runtime hands over.
///
/// The endpoint knows nothing of the runtime: the status page, `/healthz` and `/readyz` and the
/// snapshot-fed gauges of `/metrics` are all computed from this value and a "now". Text fields hold
/// what the journal holds (file names in their display form, error texts as recorded); every
/// display surface masks henkilötunnus itself (``StatusPage``, ``HealthVerdict``).
public struct OperatorSnapshot: Sendable, Hashable {
    /// When the snapshot was read.
    public var takenAt: Date
    /// Whether the daemon runs (and in which phase).
    public var daemon: DaemonPhase
    /// `vtjdrop 0.9.0`, the state database's schema, the interface wire: what the page's footer lists.
    public var versions: [Version]
    /// The interface: where, which wire, the gate and the last calls.
    public var interface: InterfaceStatus
    /// Set while a folder root is missing or moved: nothing is claimed meanwhile.
    public var intakeClosed: Condition?
    /// Set while a watched inbox folder has vanished: only its department's drops wait; the
    /// appliance still serves every other department (a warning, not "not serving").
    public var unwatched: Condition?
    /// Every configured department (and any other the journal knows), sorted by id.
    public var departments: [DepartmentStatus]
    /// The change-fetch schedule.
    public var schedule: ScheduleStatus
    /// How many days the refused / quarantined / transient counts cover.
    public var failureWindowDays: Int

    /// A snapshot; every field is the runtime's to fill.
    public init(takenAt: Date, daemon: DaemonPhase, versions: [Version], interface: InterfaceStatus,
                intakeClosed: Condition? = nil, unwatched: Condition? = nil, departments: [DepartmentStatus],
                schedule: ScheduleStatus, failureWindowDays: Int = 7) {
        self.takenAt = takenAt
        self.daemon = daemon
        self.versions = versions
        self.interface = interface
        self.intakeClosed = intakeClosed
        self.unwatched = unwatched
        self.departments = departments
        self.schedule = schedule
        self.failureWindowDays = failureWindowDays
    }

    /// Whether drops would be claimed now: the daemon runs, the gate is open and the folders are there.
    public var isServing: Bool { daemon == .running && interface.gate == nil && intakeClosed == nil }
}

/// The daemon's phase as the snapshot saw it.
public enum DaemonPhase: String, Sendable, Hashable, CaseIterable {
    /// Started, the first interface check not yet done.
    case starting
    /// Running (serving, or holding drops while a condition lasts).
    case running
    /// SIGTERM received: finishing in-flight drops, claiming nothing new.
    case stopping
    /// No daemon holds the state folder (what is shown is as the last run left it).
    case stopped
}

/// One line of the versions list (`vtjdrop` → `0.9.0`).
public struct Version: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The change-fetch schedule: when it ran and runs next.
public struct ScheduleStatus: Sendable, Hashable {
    /// The configured times of day (`06:00`), Finnish time; empty: on demand only.
    public var times: [String]
    /// When the last scheduled run happened.
    public var lastRunAt: Date?
    /// When the next one is due (nil: on demand only).
    public var nextRunAt: Date?

    public init(times: [String], lastRunAt: Date? = nil, nextRunAt: Date? = nil) {
        self.times = times
        self.lastRunAt = lastRunAt
        self.nextRunAt = nextRunAt
    }
}
