import Foundation
import Glibc
import VTJCore

/// `<stem>.<request-id>.odottaa.txt` in the department's outbox: a claimed drop was received and
/// waits (the interface is down or refuses the appliance, the outbox cannot be written, the file
/// was still being written). Said in the department's language, with the reason in one line; replaced while
/// the reason changes, removed when the result and receipt are published.
///
/// Best effort by nature: when the outbox itself cannot be written the note cannot be either, and
/// its failure never stops the drop.
struct PendingNote {
    static let suffix = ".odottaa.txt"

    let appliance: Appliance
    let claimed: ClaimedFile

    /// The note's name: the receipt's, with `.odottaa.txt`.
    var name: String { claimed.originalName.safeStem + "." + claimed.id.value + Self.suffix }
    private var path: String { appliance.publisher(claimed.department).folder + "/" + name }

    /// Writes (or replaces) the note; failures are logged and otherwise ignored.
    func write(_ reason: WaitReason, retryAt: Date?) {
        let zone = appliance.finnishTime
        // Only the note's "received" line: an unreadable journal shows the note's own time instead.
        let received = ((try? appliance.database.journal.entry(claimed.id.value)) ?? nil)?.claimedAt ?? appliance.clock.now()
        let text = Self.text(file: claimed.originalName.display, dropID: claimed.id.value, reason: reason,
                             received: zone.zoned(at: Instant(received)),
                             retryAt: retryAt.map { zone.zoned(at: Instant($0)) }, isTestData: appliance.answersWithTestData,
                             language: appliance.configuration.department(claimed.department)?.language ?? .finnish)
        _ = unlink(path)
        do {
            try appliance.publisher(claimed.department).publish(name, bytes: Array(text.utf8))
        } catch {
            appliance.logger(dropID: claimed.id.value, department: claimed.department)
                .notice("cannot write the pending note", metadata: ["error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
        }
    }

    /// Removes the note, if there is one. One left behind would tell the department a finished drop
    /// still waits, so a failure is logged.
    func remove() {
        guard unlink(path) != 0, errno != ENOENT else { return }
        appliance.logger(dropID: claimed.id.value, department: claimed.department)
            .error("cannot remove the pending note; the outbox still says the drop waits until an operator removes it",
                   metadata: ["file": "\(name)", "error": "\(String(cString: strerror(errno)))"])
    }

    /// The note's text in the department's language: CRLF, UTF-8 without BOM, like receipts (opens in Notepad).
    static func text(file: String, dropID: String, reason: WaitReason, received: ZonedDateTime,
                     retryAt: ZonedDateTime?, isTestData: Bool, language: Language = .finnish) -> String {
        let next: Message = switch reason {
        case .interfaceRefuses, .interfaceClosed: Message(.pendingResumesWhenAnswering)
        default: retryAt.map { Message(.pendingResumesAt, ["at": .text($0.readable)]) } ?? Message(.pendingResumes)
        }
        var lines: [Message] = [
            Message(.pendingReceived, ["file": .text(ReceiptRenderer.clean(file))]),
            Message(reasonKey(reason)),
            next,
            Message(.pendingNoNeedToDrop),
            Message(.pendingReceivedAt, ["at": .text(received.readable)]),
            Message(.pendingRequest, ["id": .text(dropID)]),
        ]
        // Test data is said first, as in receipts.
        lines.insert(Message(isTestData ? .testDataTitle : .pendingTitle), at: 0)
        var text = lines.map { Henkilotunnus.maskingShapes(in: $0.text(language)) }
        text[0] = "# " + text[0]
        return text.map { $0 + "\r\n" }.joined()
    }

    private static func reasonKey(_ reason: WaitReason) -> MessageKey {
        switch reason {
        case .interfaceRefuses: .pendingReasonRefuses
        case .interfaceUnavailable, .interfaceClosed: .pendingReasonUnavailable
        case .local: .pendingReasonLocal
        case .inputChanging: .pendingReasonInputChanging
        }
    }
}
