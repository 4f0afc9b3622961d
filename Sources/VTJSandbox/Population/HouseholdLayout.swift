/// How the persons of one block of indices relate to each other.
///
/// Indices are grouped in blocks of ``blockSize``; each block is cut into households (units) by
/// a hash of the seed and the block number, so relations are found without generating anyone else.
/// The first blocks are a fixed showcase, so even a small population has every case.
struct HouseholdLayout: Sendable {
    static let blockSize = 8

    enum Bond: Sendable, Hashable { case marriage, registeredPartnership, separated }

    enum Unit: Sendable, Hashable {
        /// Two partners (the first is the reference person) and children; `adultChildren` makes
        /// the children adults and the parents older.
        case couple(kids: Int, bond: Bond, adultChildren: Bool)
        /// One parent with minor children whose other parent is known only as a stub without hetu.
        case singleParent(kids: Int)
        /// A living widow(er) and the deceased spouse.
        case widowed
        /// One adult on their own.
        case single
        /// A person who died long ago, born in the 1800s (century sign `+`).
        case historical

        var size: Int {
            switch self {
            case .couple(let kids, _, _): 2 + kids
            case .singleParent(let kids): 1 + kids
            case .widowed: 2
            case .single, .historical: 1
            }
        }
    }

    /// A unit placed at an absolute index.
    struct PlacedUnit: Sendable, Hashable {
        let first: Int
        let unit: Unit
        var indices: Range<Int> { first..<(first + unit.size) }
    }

    let units: [PlacedUnit]

    /// The layout of block `block` for a population of `size`.
    init(block: Int, size: Int, hash: SeededHash) {
        let start = block * HouseholdLayout.blockSize
        let capacity = max(0, min(HouseholdLayout.blockSize, size - start))
        var plan = block < HouseholdLayout.showcase.count ? HouseholdLayout.showcase[block] : []
        if plan.isEmpty {
            var step = 0
            var used = 0
            while used < capacity {
                plan.append(HouseholdLayout.randomUnit(hash: hash, block: block, step: step))
                used += plan.last?.size ?? 1
                step += 1
            }
        }
        var placed: [PlacedUnit] = []
        var next = start
        for unit in plan where next < start + capacity {
            let fitting = next + unit.size <= start + capacity ? unit : .single
            placed.append(PlacedUnit(first: next, unit: fitting))
            next += fitting.size
        }
        while next < start + capacity {
            placed.append(PlacedUnit(first: next, unit: .single))
            next += 1
        }
        units = placed
    }

    /// The unit holding `index`.
    func unit(containing index: Int) -> PlacedUnit? { units.first { $0.indices.contains(index) } }

    /// Blocks 0–2 hold every case so tests and demos can rely on them in any population ≥ 24.
    static let showcase: [[Unit]] = [
        [.couple(kids: 2, bond: .marriage, adultChildren: false), .singleParent(kids: 1), .widowed, .single],
        [.couple(kids: 2, bond: .separated, adultChildren: false), .couple(kids: 0, bond: .registeredPartnership, adultChildren: false), .single, .historical],
        [.couple(kids: 2, bond: .marriage, adultChildren: true), .single, .single, .single, .single],
    ]

    private static func randomUnit(hash: SeededHash, block: Int, step: Int) -> Unit {
        let subject = block &* 64 &+ step
        let roll = hash.below(1000, subject, 0x11)
        let kids = 1 + hash.below(3, subject, 0x12)
        switch roll {
        case 0..<300: return .couple(kids: kids, bond: .marriage, adultChildren: false)
        case 300..<380: return .couple(kids: kids, bond: .marriage, adultChildren: true)
        case 380..<420: return .couple(kids: kids - 1, bond: .separated, adultChildren: false)
        case 420..<440: return .couple(kids: 0, bond: .registeredPartnership, adultChildren: false)
        case 440..<520: return .singleParent(kids: kids)
        case 520..<580: return .widowed
        case 580..<588: return .historical
        default: return .single
        }
    }
}
