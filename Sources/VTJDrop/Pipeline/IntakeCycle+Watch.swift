import Foundation
import Logging
import VTJCore

extension IntakeCycle {
    /// A watched inbox folder vanished (deleted, moved away, unmounted): said once in the log and
    /// kept as the `watch` condition `vtjdrop status` shows until it is back. The watcher tries to
    /// watch it again every tick; scans keep looking meanwhile.
    func watchedFolderGone(_ folder: String) {
        guard vanishedFolders.insert(folder).inserted else { return }
        logger(for: folder).warning("the watched inbox folder vanished (deleted, moved or unmounted): its drops wait until it is back, and it is watched again then",
                                    metadata: ["folder": "\(DropFileName.maskingHetus(in: folder))"])
        recordWatchCondition()
    }

    /// A folder reported gone is back and watched again.
    func watchedFolderBack(_ folder: String) {
        guard vanishedFolders.remove(folder) != nil else { return }
        logger(for: folder).notice("the inbox folder is back and watched again",
                                   metadata: ["folder": "\(DropFileName.maskingHetus(in: folder))"])
        recordWatchCondition()
    }

    private func recordWatchCondition() {
        guard !vanishedFolders.isEmpty else {
            appliance.storeCondition(.watch, nil)
            return
        }
        let folders = vanishedFolders.sorted().map { DropFileName.maskingHetus(in: $0) }.joined(separator: ", ")
        appliance.storeCondition(.watch, ApplianceCondition(
            kind: .watch, code: "inbox-folder-vanished", since: appliance.clock.now(),
            detail: "inbox folder vanished: \(folders); restore it (or remount its share): it is watched again as soon as it exists"))
    }

    private func logger(for folder: String) -> Logger {
        let department = appliance.configuration.departments.first { appliance.inboxFolder($0.id) == folder }
        return department.map { appliance.logger.with(department: $0.id) } ?? appliance.logger
    }
}
