import Synchronization

/// Faults the sandbox injects into its SOAP wire only (vtj-soap-kysely.md §8), beside the shared
/// ones in ``SandboxFaults`` (latency, 5xx, 429/503, X-Road faults, which come as SOAP Faults with
/// status 200 on this wire, cut and endless bodies). `…Next` counts make the next N queries
/// answer that way; `…Rate` shares draw from the sandbox's seeded generator.
public struct SandboxSOAPFaults: Sendable, Hashable, Codable {
    /// The `Paluukoodi` answered instead of the person (`0019`, `-1800`, `0003`, …).
    public var returnCode: String
    /// The next N queries are answered with ``returnCode``.
    public var returnCodeNext: Int
    /// Share of queries answered with ``returnCode``.
    public var returnCodeRate: Double
    /// Queries about these henkilötunnus are always answered with ``returnCode``.
    public var returnCodeHetus: [String]
    /// How every return code other than `0000` is written: `document` (a `Paluukoodi` in an
    /// answer document) or `pair` (`faultCode` + `faultString` in `response`).
    public var returnCodeForm: String
    /// The next N answers carry another person's `Henkilo` than the one asked for.
    public var wrongPersonNext: Int
    /// The next N answers say `0000` but hold no `Henkilo`.
    public var missingPersonNext: Int
    /// The next N answers hold a `Henkilo` without its `Turvakielto` element.
    public var withoutTurvakieltoNext: Int
    /// The next N answers are not in the answer namespace (a confused adapter).
    public var wrongNamespaceNext: Int

    public init(returnCode: String = "0019", returnCodeNext: Int = 0, returnCodeRate: Double = 0, returnCodeHetus: [String] = [],
                returnCodeForm: String = "document",
                wrongPersonNext: Int = 0, missingPersonNext: Int = 0, withoutTurvakieltoNext: Int = 0, wrongNamespaceNext: Int = 0) {
        self.returnCode = returnCode
        self.returnCodeNext = returnCodeNext
        self.returnCodeRate = returnCodeRate
        self.returnCodeHetus = returnCodeHetus
        self.returnCodeForm = returnCodeForm
        self.wrongPersonNext = wrongPersonNext
        self.missingPersonNext = missingPersonNext
        self.withoutTurvakieltoNext = withoutTurvakieltoNext
        self.wrongNamespaceNext = wrongNamespaceNext
    }

    // Absent keys take their defaults, so the admin endpoint accepts partial JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            returnCode: try c.decodeIfPresent(String.self, forKey: .returnCode) ?? "0019",
            returnCodeNext: try c.decodeIfPresent(Int.self, forKey: .returnCodeNext) ?? 0,
            returnCodeRate: try c.decodeIfPresent(Double.self, forKey: .returnCodeRate) ?? 0,
            returnCodeHetus: try c.decodeIfPresent([String].self, forKey: .returnCodeHetus) ?? [],
            returnCodeForm: try c.decodeIfPresent(String.self, forKey: .returnCodeForm) ?? "document",
            wrongPersonNext: try c.decodeIfPresent(Int.self, forKey: .wrongPersonNext) ?? 0,
            missingPersonNext: try c.decodeIfPresent(Int.self, forKey: .missingPersonNext) ?? 0,
            withoutTurvakieltoNext: try c.decodeIfPresent(Int.self, forKey: .withoutTurvakieltoNext) ?? 0,
            wrongNamespaceNext: try c.decodeIfPresent(Int.self, forKey: .wrongNamespaceNext) ?? 0)
    }

    /// Whether return codes are written as a `faultCode` pair.
    var writesPairs: Bool { returnCodeForm.lowercased() == "pair" }
}

/// The SOAP faults of one query, decided once.
struct SOAPFaultDecision: Equatable {
    var returnCode: String?
    var wrongPerson = false
    var missingPerson = false
    var withoutTurvakielto = false
    var wrongNamespace = false
}

/// Holds the run-time SOAP fault settings and decides per query (counts down `…Next`).
final class SOAPFaultInjector: Sendable {
    private struct State {
        var faults: SandboxSOAPFaults
        var random: SeededGenerator
    }

    private let state: Mutex<State>

    init(faults: SandboxSOAPFaults, seed: UInt64) {
        state = Mutex(State(faults: faults, random: SeededGenerator(seed: seed, stream: 0x50A9)))
    }

    var faults: SandboxSOAPFaults { state.withLock { $0.faults } }

    func set(_ faults: SandboxSOAPFaults) { state.withLock { $0.faults = faults } }

    func decide(hetu: String) -> SOAPFaultDecision {
        state.withLock { state in
            var decision = SOAPFaultDecision()
            func take(_ count: inout Int) -> Bool {
                guard count > 0 else { return false }
                count -= 1
                return true
            }
            if state.faults.returnCodeHetus.contains(hetu) || take(&state.faults.returnCodeNext)
                || (state.faults.returnCodeRate > 0 && state.random.chance(state.faults.returnCodeRate)) {
                decision.returnCode = state.faults.returnCode
            }
            decision.wrongPerson = take(&state.faults.wrongPersonNext)
            decision.missingPerson = take(&state.faults.missingPersonNext)
            decision.withoutTurvakielto = take(&state.faults.withoutTurvakieltoNext)
            decision.wrongNamespace = take(&state.faults.wrongNamespaceNext)
            return decision
        }
    }
}
