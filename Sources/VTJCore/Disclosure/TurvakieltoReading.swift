/// Reads TURVAKIELTO records failing closed: only an explicit, readable "not in force" counts as not in force.
enum TurvakieltoReading {
    /// Whether one TURVAKIELTO record says the ban is in force on `date`.
    ///
    /// In force unless `turvakieltoAktiivinen` is exactly `false`, or a readable `turvaLoppuPv`
    /// lies before `date`. An empty record, a censored one or an unreadable value counts as in force.
    static func inForce(_ record: Record, on date: CivilDate) -> Bool {
        if record.isCensoredPlaceholder { return true }
        guard let active = record.bool("turvakieltoAktiivinen") else { return true }
        if !active { return false }
        if let end = record.date("turvaLoppuPv"), end < date { return false }
        return true
    }

    /// Basic data in one pass: whether the person is protected (any TURVAKIELTO record in force,
    /// or any censoring placeholder anywhere), and if not, whether the answer lacks any
    /// TURVAKIELTO record (then the rules fail closed).
    static func judge(_ person: Person, on date: CivilDate) -> (protected: Bool, missing: Bool) {
        var seen = false
        for record in person.records {
            if record.isCensoredPlaceholder { return (true, false) }
            if record.group == .turvakielto {
                seen = true
                if inForce(record, on: date) { return (true, false) }
            }
        }
        return (false, !seen)
    }

    /// A change entry: true / false when it says something about the ban, nil when it says nothing.
    ///
    /// New-state records (LISATTY, KORJATTU, LISATIETO, none) decide; without them the old records
    /// (MUUTETTU, usually carrying an end date) do; a POISTETTU ban alone means it was removed.
    static func statement(in change: Change, on date: CivilDate) -> Bool? {
        let records = change.records(.turvakielto)
        let newState = records.filter { [nil, .added, .corrected, .context].contains($0.change) }
        if !newState.isEmpty { return newState.contains { inForce($0, on: date) } }
        let oldState = records.filter { $0.change == .changed }
        if !oldState.isEmpty { return oldState.contains { inForce($0, on: date) } }
        if records.contains(where: { $0.change == .removed }) { return false }
        return nil
    }
}
