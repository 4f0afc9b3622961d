/// The human part of a receipt: a first line that says what happened and what to do, then the
/// numbers in words, every rule explained (never its code).
extension ReceiptRenderer {
    /// What happened, in one line, and what (if anything) the clerk should do next.
    func headline(_ receipt: Receipt) -> [Message] {
        let c = receipt.counts
        if let refusal = receipt.refusal { return [Message(.headlineRefused, ["reason": refusal.message.argument])] }
        var parts: [Message] = []
        if Self.isChangeDelivery(receipt) {
            parts.append(Message(.headlineChanges, ["changes": .count(c.changes)]))
        } else if receipt.format == nil {
            parts.append(Message(.headlineDoneNoResult))
        } else if c.valid == 0, c.lines > 0 {
            parts.append(Message(.headlineNoValid))
        } else {
            parts.append(Message(.headlineDone, ["found": .count(c.found), "notFound": .count(c.notFound)]))
        }
        if c.invalid > 0 { parts.append(Message(.headlineFixRejected, ["invalid": .count(c.invalid)])) }
        if c.notFound > 0, !Self.isChangeDelivery(receipt) {
            parts.append(Message(.headlineCheckNotFound, ["notFound": .count(c.notFound)]))
        }
        if c.invalid == 0, c.notFound == 0 { parts.append(Message(.headlineNothingToDo)) }
        return parts
    }

    /// The numbers and judgements in words, one message a line.
    func summary(_ receipt: Receipt, listFile: String?) -> [Message] {
        let c = receipt.counts
        var lines: [Message] = []
        if c.lines > 0 {
            lines.append(Message(.summaryLines, ["lines": .count(c.lines), "valid": .count(c.valid), "invalid": .count(c.invalid)]))
        }
        // A refused drop was not looked up: only what was read, and where its rejected lines are.
        if receipt.refusal != nil { return lines + listSummary(receipt, listFile: listFile) }
        if c.duplicates > 0 { lines.append(Message(.summaryDuplicates, ["duplicates": .count(c.duplicates)])) }
        if c.notFound > 0, !Self.isChangeDelivery(receipt) { lines.append(Message(.summaryNotFound, ["notFound": .count(c.notFound)])) }
        if c.protected > 0 { lines.append(Message(.summaryProtected, ["protected": .count(c.protected)])) }
        if c.contradicted > 0 { lines.append(Message(.summaryContradicted, ["count": .count(c.contradicted)])) }
        if c.turvakieltoMissing > 0 { lines.append(Message(.summaryTurvakieltoMissing, ["count": .count(c.turvakieltoMissing)])) }
        for refused in receipt.refusedGroups {
            let reason: MessageKey = refused.reason == .notInProfile ? .groupNotInProfile : .groupNotProductGroup
            lines.append(Message(.summaryGroupRefused, ["group": .text(refused.requested), "reason": Message(reason).argument]))
        }
        if receipt.withheld.totalRecords > 0 {
            lines.append(Message(.summaryWithheld, ["total": .count(receipt.withheld.totalRecords)]))
            for rule in WithholdingRule.allCases where receipt.withheld[rule] > 0 {
                lines.append(Message(.summaryWithheldRule, ["count": .count(receipt.withheld[rule]), "rule": Message(rule.explanation).argument]))
            }
        }
        if receipt.withheld.droppedFields > 0 {
            lines.append(Message(.summaryDroppedFields, ["count": .count(receipt.withheld.droppedFields)]))
        }
        for group in receipt.overflow.keys.sorted() where receipt.overflow[group, default: 0] > 0 {
            lines.append(Message(.summaryOverflow, ["group": .text(group.rawValue), "count": .count(receipt.overflow[group, default: 0])]))
        }
        lines += Self.interfaceComments(receipt)
        return lines + listSummary(receipt, listFile: listFile)
    }

    /// How much of the lists the receipt shows, and where the rest are.
    private func listSummary(_ receipt: Receipt, listFile: String?) -> [Message] {
        let c = receipt.counts
        var lines: [Message] = []
        if receipt.rejectedLines.count > listLimit || c.invalid > receipt.rejectedLines.count {
            lines.append(Message(.summaryRejectedListed, ["shown": .count(min(listLimit, receipt.rejectedLines.count)), "total": .count(c.invalid)]))
        }
        if receipt.notFound.count > listLimit {
            lines.append(Message(.summaryNotFoundListed, ["shown": .count(listLimit), "total": .count(receipt.notFound.count)]))
        }
        if receipt.undelivered.count > listLimit {
            lines.append(Message(.summaryUndeliveredListed, ["shown": .count(listLimit), "total": .count(receipt.undelivered.count)]))
        }
        if needsListFile(receipt), let listFile { lines.append(Message(.summaryListFile, ["file": .text(listFile)])) }
        if c.invalid > receipt.rejectedLines.count, receipt.rejectedLines.count > listLimit {
            let listed = receipt.rejectedLines.count
            lines.append(Message(.summaryListFileCapped, ["listed": .count(listed), "rest": .count(c.invalid - listed)]))
        }
        return lines
    }
}

extension WithholdingRule {
    /// The rule in words for the receipt's human part (its code stays in `pidatetty[rule]`).
    public var explanation: MessageKey {
        switch self {
        case .notProductGroup: .ruleNotProductGroup
        case .notGranted: .ruleNotGranted
        case .turvakielto: .ruleTurvakielto
        case .turvakieltoWhereabouts: .ruleTurvakieltoWhereabouts
        case .turvakieltoUnknown: .ruleTurvakieltoUnknown
        case .contradictoryAnswer: .ruleContradictoryAnswer
        case .censoringPlaceholder: .ruleCensoringPlaceholder
        case .guardianOfAdult: .ruleGuardianOfAdult
        case .dependantAdult: .ruleDependantAdult
        case .dependantAgeUnknown: .ruleDependantAgeUnknown
        case .religionNotMinor: .ruleReligionNotMinor
        case .religionPurpose: .ruleReligionPurpose
        case .endedRelationship: .ruleEndedRelationship
        }
    }
}
