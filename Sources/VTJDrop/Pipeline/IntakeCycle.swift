import Foundation
import Logging
import VTJCore

/// One pass over every department's inbox: scan (the source of truth), decide readiness, claim.
///
/// Owned by one task: the settle trackers remember first sight between passes.
final class IntakeCycle {
    typealias Instant = ContinuousClock.Instant

    let appliance: Appliance
    private let scanner: InboxScanner
    private var trackers: [String: SettleTracker<Instant>] = [:]
    /// Problems already reported, so an entry that cannot be moved is logged once, not every pass.
    private var reported: Set<String> = []
    /// When entries that are never read may be quarantined (settle period; hard links wait longer).
    let patience: RefusalPatience
    /// When this process first saw each refused entry (`department/name`), wall-clock nanoseconds.
    var firstSeen: [String: Int64] = [:]
    /// Receipts about quarantined entries that could not be published yet (full or read-only outbox).
    var pendingReceipts: [PendingReceipt] = []
    /// What inotify said about each department's files (department → display name), for folders
    /// whose events can be trusted; a name the kernel said nothing about must settle.
    private(set) var activity: [String: [String: WriteActivity]] = [:]
    /// Inbox folders on local file systems (their events tell every write), by path → department.
    private let trustedFolders: [String: String]
    /// Departments whose inbox has been listed at least once.
    private var listedOnce: Set<String> = []
    /// Files the first listing found recently changed with no event about them (department → names):
    /// ``WriteActivity/unwatched`` until inotify says something about them or they are gone.
    private var unwatchedAtStart: [String: Set<String>] = [:]
    /// Watched inbox folders that vanished and are not back yet (IntakeCycle+Watch).
    var vanishedFolders: Set<String> = []

    /// Whether inotify watches the inboxes: then a file the first listing finds recently changed
    /// with no event about it was written before the watch began (``WriteActivity/unwatched``).
    /// Polling never has an event, so there the settle period alone decides, as documented.
    private let watched: Bool

    init(appliance: Appliance, watched: Bool = false) {
        self.appliance = appliance
        self.watched = watched
        self.scanner = InboxScanner(maximumFileBytes: appliance.configuration.intake.maxFileBytes)
        self.patience = RefusalPatience(settle: appliance.configuration.intake.settle,
                                        hardLinkPatience: appliance.configuration.intake.hardLinkWait)
        var trusted: [String: String] = [:]
        for department in appliance.configuration.departments {
            trackers[department.id] = SettleTracker(mode: department.readiness, settlePeriod: appliance.configuration.intake.settle,
                                                    unwatchedSettlePeriod: .nanoseconds(Self.quietAtStart))
            let folder = appliance.inboxFolder(department.id)
            if InotifyWatcher.seesAllChanges(folder: folder) { trusted[folder] = department.id }
        }
        trustedFolders = trusted
    }

    /// Takes what inotify reported: which files are still open for writing, closed or renamed in.
    /// Lost events (an overflow, a folder that went away) make everything unknown again, so those
    /// files settle instead of being taken at first sight.
    func note(_ events: [InotifyWatcher.Event]) {
        for event in events {
            switch event {
            case .changed(let folder, let name, let written):
                guard let department = trustedFolders[folder] else { continue }
                activity[department, default: [:]][name.display] = written
            case .removed(let folder, let name):
                guard let department = trustedFolders[folder] else { continue }
                activity[department]?[name.display] = nil
            case .overflow:
                activity = [:]
            case .folderGone(let folder):
                if let department = trustedFolders[folder] { activity[department] = nil }
                watchedFolderGone(folder)
            case .folderBack(let folder):
                if let department = trustedFolders[folder] { activity[department] = nil }
                watchedFolderBack(folder)
            }
        }
    }

    struct Pass {
        var claimed: [ClaimedFile] = []
        /// When a waiting file may become ready (schedule a scan then).
        var nextCheck: Instant?
        /// Files seen but not yet ready.
        var waiting = 0
        /// How long each claimed drop was in the inbox (its change time to its claim), by request id:
        /// the first stage of its ``DropTiming``.
        var inboxWait: [String: Duration] = [:]
    }

    /// Scans every department and claims what is ready, oldest first.
    func pass(now: Instant, claim: Bool = true) -> Pass {
        var result = Pass()
        reportUnconfiguredFolders()
        publishPendingReceipts()
        let wallNow = IntakeCycle.nanoseconds(appliance.clock.now())
        for department in appliance.configuration.departments {
            let folder = appliance.inboxFolder(department.id)
            let log = appliance.logger.with(department: department.id)
            // A department whose folders do not work is left alone (its drops wait) and retried.
            let health = appliance.departmentHealth.check(department.id, now: appliance.monotonic.now) {
                appliance.prepareFolders(of: department.id)
            }
            if health.changed { log.notice("the department's folders work again; it is served") }
            guard health.served else { continue }
            let listing: InboxListing
            do {
                listing = try scanner.scan(folder: folder)
            } catch {
                reportOnce("scan:\(department.id)", log) { $0.error("cannot scan the inbox", metadata: ["error": "\(DropFileName.maskingHetus(in: "\(error)"))"]) }
                continue
            }
            var stillRefused: Set<String> = []
            for (entry, refusal) in listing.refused where claim {
                stillRefused.insert(entry.name.display)
                handleRefused(entry, refusal, department: department.id, folder: folder,
                              now: now, wallNow: wallNow, log: log, into: &result)
            }
            guard var tracker = trackers[department.id] else { continue }
            let decisions = tracker.observe(listing.stamps, at: now, activity: knownActivity(department.id, listing))
            if let next = decisions.nextCheck { result.nextCheck = min(result.nextCheck ?? next, next) }
            result.waiting += decisions.decisions.filter { if case .wait = $0.action { return true } else { return false } }.count
            guard claim else {
                trackers[department.id] = tracker
                continue
            }
            let claimer = appliance.claimer(department.id)
            for ready in decisions.ready {
                guard let entry = listing.files[ready.name] else { continue }
                let marker = ready.marker.flatMap { listing.files[$0]?.name }
                let id = DropIDGenerator.next()
                do {
                    switch try claimer.claim(entry.name, department: department.id, from: folder, marker: marker, id: id) {
                    case .claimed(let file):
                        tracker.forget(ready.name)
                        activity[department.id]?[ready.name] = nil
                        if let marker = ready.marker { tracker.forget(marker) }
                        log.info("drop claimed", metadata: ["request": "\(file.id.value)", "file": "\(file.originalName.logged)"])
                        result.claimed.append(file)
                        result.inboxWait[file.id.value] = .nanoseconds(max(0, DropProcessor.realTimeNanoseconds() - entry.changedNanoseconds))
                    case .vanished:
                        tracker.forget(ready.name)
                    case .refused(let refusal, nil):
                        // A hard link (maybe an sftp upload mid-publish), or the file changed
                        // kind since the scan: the entry's own patience decides.
                        stillRefused.insert(entry.name.display)
                        handleRefused(entry, refusal, department: department.id, folder: folder,
                                      now: now, wallNow: wallNow, log: log, into: &result)
                    case .refused(let refusal, let path?):
                        // Swapped for a link or FIFO during the claim: already out of the inbox, never opened.
                        quarantineWork(path, id: id, name: entry.name, refusal: refusal, department: department.id, log: log)
                    }
                } catch {
                    reportOnce("claim:\(department.id)/\(entry.name.display)", log) {
                        $0.error("cannot claim a drop; it stays in the inbox", metadata: ["file": "\(entry.name.logged)", "error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
                    }
                }
            }
            trackers[department.id] = tracker
            forgetRefused(department: department.id, except: stillRefused)
        }
        return result
    }

    /// What is known of the listed files' writers: inotify's word; and in the first listing of a
    /// department on a local disk (files that were there before the appliance started watching),
    /// files whose change time shows them untouched for a while, so a restart does not make every
    /// waiting drop settle again, and files changed shortly before, whose writer may only be pausing
    /// with the file open (`run --once` started mid-upload): those must stay unchanged longer.
    /// Later files are known from their events.
    private func knownActivity(_ department: String, _ listing: InboxListing) -> [String: WriteActivity] {
        var known = activity[department] ?? [:]
        if listedOnce.insert(department).inserted, trustedFolders.values.contains(department) {
            let now = DropProcessor.realTimeNanoseconds()
            let settle = appliance.configuration.intake.settle
            let quiet = max(Self.quietAtStart, settle.components.seconds * 1_000_000_000 + settle.components.attoseconds / 1_000_000_000)
            for (name, entry) in listing.files where known[name] == nil && entry.stamp.size > 0 {
                if now - entry.changedNanoseconds >= quiet {
                    known[name] = .quiet
                } else if watched {
                    unwatchedAtStart[department, default: []].insert(name)
                }
            }
        }
        if var unwatched = unwatchedAtStart[department] {
            unwatched = unwatched.filter { listing.files[$0] != nil && known[$0] == nil }
            for name in unwatched { known[name] = .unwatched }
            unwatchedAtStart[department] = unwatched.isEmpty ? nil : unwatched
        }
        return known
    }

    /// How long a file found at start must have been untouched (by its change time) to be taken at
    /// once: longer than any settle period a producer relies on, short next to a restart.
    static let quietAtStart: Int64 = 10_000_000_000

    private func reportUnconfiguredFolders() {
        let configured = Set(appliance.configuration.departments.map(\.id))
        // Only a warning about strangers: an inbox root that cannot be listed is `checkFolders`' to report.
        guard let names = try? scanner.unconfiguredFolders(inbox: appliance.configuration.inbox, departments: configured) else { return }
        for name in names {
            reportOnce("unconfigured:\(name.display)", appliance.logger) {
                $0.warning("inbox folder is not a configured department; its files are left alone",
                           metadata: ["folder": "\(name.logged)"])
            }
        }
    }

    func reportOnce(_ key: String, _ log: Logger, _ body: (Logger) -> Void) {
        guard reported.insert(key).inserted else { return }
        body(log)
    }
}

extension Logger {
    func with(department: String) -> Logger {
        var copy = self
        copy[metadataKey: "department"] = "\(department)"
        return copy
    }
}
