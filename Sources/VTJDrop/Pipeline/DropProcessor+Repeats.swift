import Foundation
import VTJCore

/// A published request whose input had the same bytes as the drop in hand.
struct EarlierPublication: Sendable, Hashable {
    let dropID: String
    let publishedAt: Date
}

extension DropProcessor {
    /// The department's latest request published within `duplicates.window` whose archived input
    /// has exactly the bytes of the file at `path` (`size` of them); nil when none (or the window is zero).
    ///
    /// Found among the archived inputs (sizes compared first, then bytes), so nothing new is
    /// stored per drop: the latest ``repeatCandidates`` of the window are looked at, an index
    /// read and an `lstat` each, and only a file of the same size is read, a chunk of each file at a
    /// time (never either whole: a list of 1,000,000 is 12 MB). Blocking file reads,
    /// so call it off the cooperative pool.
    func earlierPublication(ofFile path: String, size: Int, department: String) -> EarlierPublication? {
        let window = appliance.configuration.duplicateWindow
        guard window > .zero, size > 0 else { return nil }
        let since = now.addingTimeInterval(-Double(window.components.seconds))
        let candidates: [(dropID: String, folder: String, at: Date)]
        do {
            candidates = try journal.archivedInputs(department: department, since: since, limit: Self.repeatCandidates)
        } catch {
            appliance.logger.warning("cannot look up earlier drops of the same content; this one is answered without the repeat note",
                                     metadata: ["department": "\(department)", "error": "\(error)"])
            return nil
        }
        for candidate in candidates {
            guard let name = DropReplay.inputName(in: candidate.folder) else { continue }
            let stored = candidate.folder + "/" + name
            var info = stat()
            guard lstat(stored, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == size,
                  SameBytes.files(path, stored) else { continue }
            return EarlierPublication(dropID: candidate.dropID, publishedAt: candidate.at)
        }
        return nil
    }

    /// How many of a department's latest publications a drop is compared with.
    static let repeatCandidates = 500

    /// The receipt's note about a repeat (empty when the drop is no repeat).
    func repeatNote(_ context: DropContext) -> [Message] {
        guard let earlier = context.repeatOf else { return [] }
        let at = appliance.finnishTime.zoned(at: Instant(earlier.publishedAt)).readable
        return [Message(.noteRepeat, ["request": .text(earlier.dropID), "at": .text(at)])]
    }
}
