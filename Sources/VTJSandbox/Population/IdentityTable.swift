import VTJCore

/// The henkilötunnus of every generated person: test codes only (individual number 900–999),
/// unique, spread over all century signs, matching each person's birth date and sex.
struct IdentityTable: Sendable {
    private(set) var hetus: [String]
    /// The earlier code of persons whose henkilötunnus was corrected.
    private(set) var previousHetus: [Int: String]
    private(set) var indexByHetu: [String: Int]
    /// Whose earlier code each earlier code was (the SOAP wire answers it as passive, `0002`).
    private(set) var indexByPreviousHetu: [String: Int] = [:]

    init(size: Int, planner: HouseholdPlanner) {
        hetus = []
        hetus.reserveCapacity(size)
        previousHetus = [:]
        indexByHetu = Dictionary(minimumCapacity: size)
        var block = 0
        while block * HouseholdLayout.blockSize < size {
            let layout = HouseholdLayout(block: block, size: size, hash: planner.hash)
            for placed in layout.units {
                for sketch in planner.sketches(of: placed) {
                    let taken = { (hetu: String) in self.isTaken(hetu) }
                    let hetu = IdentityTable.allocate(
                        birth: sketch.birthDate, sex: sketch.sex, subject: sketch.index, hash: planner.hash, purpose: 0xA0, isTaken: taken)
                    hetus.append(hetu)
                    indexByHetu[hetu] = sketch.index
                    if sketch.hetuCorrected {
                        let old = IdentityTable.allocate(
                            birth: sketch.birthDate, sex: sketch.sex, subject: sketch.index, hash: planner.hash, purpose: 0xA1,
                            isTaken: { self.isTaken($0) })
                        previousHetus[sketch.index] = old
                        indexByPreviousHetu[old] = sketch.index
                        reserved.insert(old)
                    }
                }
            }
            block += 1
        }
    }

    /// Whether a code is already used by anyone (current or earlier code).
    func isTaken(_ hetu: String) -> Bool { indexByHetu[hetu] != nil || reserved.contains(hetu) }

    /// Earlier codes: never handed out again.
    private var reserved: Set<String> = []

    /// A free test code for a birth date and sex; probes individual numbers, then century signs.
    static func allocate(
        birth: CivilDate, sex: Henkilotunnus.Sex, subject: Int, hash: SeededHash, purpose: UInt64,
        isTaken: (String) -> Bool
    ) -> String {
        let signs = IdentityTable.signs(for: birth.year)
        let first = IdentityTable.preferredSign(signs, subject: subject, hash: hash, purpose: purpose)
        let start = hash.below(50, subject, purpose ^ 0x5A)
        let datePart = IdentityTable.datePart(birth)
        for s in 0..<signs.count {
            let sign = signs[(first + s) % signs.count]
            for probe in 0..<50 {
                let number = 900 + ((start + probe) % 50) * 2 + (sex == .male ? 1 : 0)
                let check = Henkilotunnus.checkCharacter(datePart: datePart, individualNumber: number)
                let hetu = datePart + String(sign) + String(number) + String(check)
                if !isTaken(hetu) { return hetu }
            }
        }
        // 50 numbers × every sign of the century are taken for this day: a later day is always free.
        return allocate(birth: birth.adding(days: 1), sex: sex, subject: subject, hash: hash, purpose: purpose, isTaken: isTaken)
    }

    /// Century signs valid for a birth year (decree 128/2010 as amended 1.1.2023).
    static func signs(for year: Int) -> [Character] {
        switch year {
        case ..<1900: ["+"]
        case ..<2000: ["-", "Y", "X", "W", "V", "U"]
        default: ["A", "B", "C", "D", "E", "F"]
        }
    }

    /// Half of the codes use the classic sign, the other half the new letters.
    private static func preferredSign(_ signs: [Character], subject: Int, hash: SeededHash, purpose: UInt64) -> Int {
        guard signs.count > 1 else { return 0 }
        return hash.chance(0.5, subject, purpose ^ 0x5B) ? 0 : 1 + hash.below(signs.count - 1, subject, purpose ^ 0x5C)
    }

    static func datePart(_ date: CivilDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return two(date.day) + two(date.month) + two(date.year % 100)
    }
}
