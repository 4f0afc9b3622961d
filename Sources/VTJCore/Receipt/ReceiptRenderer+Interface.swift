/// Receipt lines about what the interface itself could not deliver (the SOAP wire): groups it
/// does not carry and persons it answered about without data. Nothing is written when there is
/// nothing to say, so receipts of the other wires are unchanged.
extension ReceiptRenderer {
    /// The summary lines: why some columns are empty, and how many persons came without data.
    static func interfaceComments(_ receipt: Receipt) -> [Message] {
        var lines: [Message] = []
        if let groups = receipt.undeliveredGroups, !groups.groups.isEmpty {
            lines.append(Message(.summaryGroupsNotDelivered, ["groups": .text(groups.groups.map(\.rawValue).joined(separator: " ")),
                                                              "source": .text(groups.source)]))
        }
        if !receipt.undelivered.isEmpty {
            lines.append(Message(.summaryUndelivered, ["count": .count(receipt.undelivered.count)]))
        }
        return lines
    }

    /// `tietoryhma-ei-toimitettu[GROUP]: ei-rajapinnassa`, one per group.
    static func undeliveredGroupEntries(_ receipt: Receipt) -> [(String, String)] {
        (receipt.undeliveredGroups?.groups ?? []).map { ("tietoryhma-ei-toimitettu[\(keySafe($0.rawValue))]", "ei-rajapinnassa") }
    }

    /// `ei-toimitettu-hetu: masked | tila | reason` per person of `persons` (the receipt's
    /// `ei-toimitettu: N` precedes them); the reason is the interface's own code and text, quoted
    /// as it came (DVV's words, like a parser's English in ``Message/technical(_:)``).
    func undeliveredEntries(_ persons: ArraySlice<UndeliveredPerson>) -> [String] {
        persons.map { person in
            let hetu = unmaskNotFound ? person.hetu : Henkilotunnus.mask(person.hetu)
            let reason = Henkilotunnus.maskingShapes(in: DropFileName.maskingHetus(in: person.reason)).replacing("|", with: "/")
            return "ei-toimitettu-hetu: " + Self.clean("\(hetu) | \(person.status.rawValue) | \(reason)")
        }
    }
}
