import Foundation
import Glibc
import VTJCore

/// `<stem>.<request-id>.odottaa.txt` in the department's outbox: a claimed drop was received and
/// waits (the interface is down or refuses the appliance, the outbox cannot be written, the file
/// was still being written). Said in plain Finnish, with the reason in one line; replaced while
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
        let received = ((try? appliance.database.journal.entry(claimed.id.value)) ?? nil)?.claimedAt ?? appliance.clock.now()
        let text = Self.text(file: claimed.originalName.display, requestID: claimed.id.value, reason: reason,
                             received: zone.zoned(at: Instant(received)),
                             retryAt: retryAt.map { zone.zoned(at: Instant($0)) }, isTestData: appliance.answersWithTestData)
        _ = unlink(path)
        do {
            try appliance.publisher(claimed.department).publish(name, bytes: Array(text.utf8))
        } catch {
            appliance.logger(request: claimed.id.value, department: claimed.department)
                .notice("cannot write the pending note", metadata: ["error": "\(DropFileName.maskingHetus(in: "\(error)"))"])
        }
    }

    /// Removes the note, if there is one.
    func remove() { _ = unlink(path) }

    /// The note's text: CRLF, UTF-8 without BOM, like receipts (opens in Notepad).
    static func text(file: String, requestID: String, reason: WaitReason, received: ZonedDateTime,
                     retryAt: ZonedDateTime?, isTestData: Bool) -> String {
        let (finnish, english) = phrases(reason)
        let next: String = switch reason {
        case .interfaceRefuses, .interfaceClosed: "Käsittely jatkuu itsestään heti, kun rajapinta taas vastaa."
        default: "Käsittely jatkuu itsestään" + (retryAt.map { " (seuraava yritys noin \($0.readable))." } ?? ".")
        }
        var lines = [
            "# vtjdrop – tiedosto odottaa / the file is waiting" + (isTestData ? " – \(ReceiptRenderer.testDataMark)" : ""),
            "Tiedosto \"\(ReceiptRenderer.clean(file))\" on vastaanotettu, ja se odottaa käsittelyä.",
            "Syy: \(finnish)",
            next,
            "Tiedostoa ei tarvitse pudottaa uudelleen. Kun käsittely valmistuu, tulos ja kuitti tulevat tähän kansioon ja tämä ilmoitus poistuu.",
            "Vastaanotettu: \(received.readable)",
            "Pyyntö: \(requestID)",
            "# The file was received and is waiting: \(english). No need to drop it again; the result and receipt replace this note.",
        ]
        if isTestData { lines.insert("# \(ReceiptRenderer.testDataMark): \(ReceiptRenderer.testDataExplanation)", at: 1) }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func phrases(_ reason: WaitReason) -> (String, String) {
        switch reason {
        case .interfaceRefuses:
            ("väestötietojärjestelmän rajapinta ei juuri nyt hyväksy tämän palvelun tunnuksia tai osoitetta. Vika ei ole tiedostossasi; ylläpito on saanut siitä tiedon.",
             "the population-data interface does not accept the appliance's credentials or address now (not a fault of your file; the operator has been told)")
        case .interfaceUnavailable, .interfaceClosed:
            ("väestötietojärjestelmän rajapinta ei juuri nyt vastaa.",
             "the population-data interface does not answer at the moment")
        case .local:
            ("tulosta ei juuri nyt voida tallentaa tähän kansioon (levy täynnä tai kansio kirjoitussuojattu); ylläpito on saanut siitä tiedon.",
             "the result cannot be saved to this folder now (disk full or read-only)")
        case .inputChanging:
            ("tiedostoa kirjoitettiin vielä, kun se otettiin käsittelyyn. Se luetaan kokonaan uudelleen, kun kirjoittaminen on päättynyt.",
             "the file was still being written when it was taken; it is read again, whole, once writing has stopped")
        }
    }
}
