import Testing
import VTJCore

/// The one restriction check both wire readers use, and the interface's codes for what it refuses.
struct RestrictionProblemTests {
    @Test func exactlyOneNonEmptyRestrictionIsAccepted() throws {
        #expect(try Restriction(hetus: ["010594Y9032"], codes: nil) == .hetulista(["010594Y9032"]))
        #expect(try Restriction(hetus: nil, codes: ["091"]) == .kuntarajaus(["091"]))
        #expect(try Restriction(hetus: nil, codes: []) == .kuntarajaus([]))
    }

    @Test(arguments: [
        ([String]?.some(["010594Y9032"]), [String]?.some(["091"]), Restriction.Problem.conflicting, "RISTIRIITAINEN_RAJAUS"),
        (nil, nil, .missing, "PUUTTUVA_RAJAUS"),
        ([], nil, .emptyHetulista, "TYHJA_HETULISTA"),
        (Array(repeating: "010594Y9032", count: Restriction.maxHetusPerMessage + 1), nil, .tooManyHetus, "LIIAN_MONTA_HETUA"),
    ])
    func refusedRestrictionsNameTheirProblem(hetus: [String]?, codes: [String]?, problem: Restriction.Problem, code: String) {
        #expect(throws: problem) { try Restriction(hetus: hetus, codes: codes) }
        #expect(problem.interfaceCode == code)
    }

    @Test func everyProblemHasItsOwnCodeBesideTheMalformedOne() {
        let codes = Restriction.Problem.allCases.map(\.interfaceCode)
        #expect(Set(codes).count == codes.count)
        #expect(!codes.contains(Restriction.Problem.malformedMessageCode))
    }
}
