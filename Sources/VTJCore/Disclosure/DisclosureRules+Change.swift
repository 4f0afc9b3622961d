extension DisclosureRules {
    /// Applies every rule to one change entry, given what was known about the person's turvakielto.
    ///
    /// Turvakielto starting yields a ``ChangeInstruction/Action/blank`` for each granted address group;
    /// ending yields ``ChangeInstruction/Action/release`` and the revealed records are delivered again.
    /// With nothing known and nothing said, address records are withheld (fail closed).
    public func disclose(_ change: Change, prior: ProtectionKnowledge) -> ChangeDisclosure {
        let statement = TurvakieltoReading.statement(in: change, on: today)
        let censored = change.records.contains(where: \.isCensoredPlaceholder)

        let protection: Protection
        let after: ProtectionKnowledge
        if statement == true || censored {
            (protection, after) = (.protected, .protected)
        } else if statement == false {
            (protection, after) = (.notProtected, .notProtected)
        } else {
            switch prior {
            case .protected: (protection, after) = (.protected, .protected)
            case .notProtected: (protection, after) = (.notProtected, .notProtected)
            case .unknown: (protection, after) = (.unknown, .unknown)
            }
        }

        let addressLike = Self.protectedGroups
        var instructions: [ChangeInstruction] = []
        // Blank when the ban is new to us, or the entry itself adds it (a seed may already say
        // "protected" to fail closed; repeating the instruction is harmless, missing it is not).
        if protection == .protected, prior != .protected || startsBan(change) {
            instructions = addressLike.filter(groups.contains).map { ChangeInstruction(group: $0, action: .blank) }
        } else if statement == false, prior != .notProtected || endsBan(change) {
            instructions = addressLike.filter(groups.contains).map { ChangeInstruction(group: $0, action: .release) }
        }

        let outcome = apply(change.records, hetu: change.hetu, protection: protection)
        return ChangeDisclosure(hetu: change.hetu, muutospv: change.muutospv, isProtected: protection == .protected,
                                records: outcome.records, instructions: instructions, withheld: outcome.withheld,
                                tally: outcome.tally, protectionAfter: after)
    }

    /// The entry adds (LISATTY) or corrects to (KORJATTU) a ban in force.
    private func startsBan(_ change: Change) -> Bool {
        change.records(.turvakielto).contains { record in
            (record.change == .added || record.change == .corrected) && TurvakieltoReading.inForce(record, on: today)
        }
    }

    /// The entry changes (MUUTETTU, the interface's way to end a ban) or removes (POISTETTU) a ban record.
    private func endsBan(_ change: Change) -> Bool {
        change.records(.turvakielto).contains { $0.change == .removed || $0.change == .changed }
    }
}
