/// Receipt lines about what the interface itself could not deliver (the SOAP wire): groups it
/// does not carry and persons it answered about without data. Nothing is written when there is
/// nothing to say, so receipts of the other wires are unchanged.
extension ReceiptRenderer {
    /// The summary comments: why some columns are empty, and how many persons came without data.
    static func interfaceComments(_ receipt: Receipt) -> [String] {
        var lines: [String] = []
        if let groups = receipt.undeliveredGroups, !groups.groups.isEmpty {
            let names = groups.groups.map(\.rawValue).joined(separator: " ")
            lines.append("Tämä rajapinta ei toimita tietoryhmiä \(names) (\(groups.source)): tyhjä sarake ei tarkoita, ettei henkilöllä ole tietoa.")
            lines.append("Not delivered by this interface (\(groups.source)): \(names); an empty column does not mean the person has none.")
        }
        if !receipt.undelivered.isEmpty {
            lines.append("\(receipt.undelivered.count) henkilön tietoja rajapinta ei luovuttanut (syy rivillä ei-toimitettu-hetu).")
            lines.append("\(receipt.undelivered.count) persons were answered without their data (reason on each ei-toimitettu-hetu line).")
        }
        return lines
    }

    /// `tietoryhma-ei-toimitettu[GROUP]: ei-rajapinnassa`, one per group.
    static func undeliveredGroupEntries(_ receipt: Receipt) -> [(String, String)] {
        (receipt.undeliveredGroups?.groups ?? []).map { ("tietoryhma-ei-toimitettu[\(keySafe($0.rawValue))]", "ei-rajapinnassa") }
    }

    /// `ei-toimitettu: N`, then `ei-toimitettu-hetu: masked | tila | reason` per person.
    func undeliveredPersonEntries(_ receipt: Receipt) -> [(String, String)] {
        guard !receipt.undelivered.isEmpty else { return [] }
        var entries = [("ei-toimitettu", String(receipt.undelivered.count))]
        for person in receipt.undelivered {
            let hetu = unmaskNotFound ? person.hetu : Henkilotunnus.mask(person.hetu)
            let reason = DropFileName.maskingHetus(in: person.reason).replacing("|", with: "/")
            entries.append(("ei-toimitettu-hetu", "\(hetu) | \(person.status.rawValue) | \(reason)"))
        }
        return entries
    }
}
