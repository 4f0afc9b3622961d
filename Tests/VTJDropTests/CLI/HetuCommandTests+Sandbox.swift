import Foundation
import Testing
import VTJCore
import VTJSandbox
import VTJTestSupport

/// `hetu --generate N --sandbox`: codes the built-in sandbox finds, so a clerk trying the sandbox
/// with generated codes gets persons, not "ei löytynyt" for every line.
extension HetuCommandTests {
    @Test func generatedSandboxCodesAreFoundByTheBuiltInSandboxAndPlainOnesAreNot() async throws {
        let sandbox = try await VTJDropBinary.runDetached(["hetu", "--generate", "25", "--sandbox", "--seed", "7"])
        #expect(sandbox.status == 0, "\(sandbox.stderr)")
        let codes = sandbox.stdout.split(separator: "\n").map(String.init)
        #expect(codes.count == 25 && Set(codes).count == 25)
        let again = try await VTJDropBinary.runDetached(["hetu", "--generate", "25", "--sandbox", "--seed", "7"])
        #expect(again.stdout == sandbox.stdout, "the same seed picks the same persons")
        // The population the built-in sandbox (vtj.sandbox: true) serves today.
        let population = SandboxPopulation(serving: SandboxConfiguration())
        for code in codes {
            #expect(population.person(hetu: code) != nil, "\(code) is in the sandbox")
            #expect(try Henkilotunnus(code).isTemporary, "\(code) is a test code")
        }
        // Without --sandbox: valid test codes, and (as the help says) not the sandbox's persons.
        let plain = try await VTJDropBinary.runDetached(["hetu", "--generate", "25", "--seed", "7"])
        let plainCodes = plain.stdout.split(separator: "\n").map(String.init)
        #expect(plainCodes.count == 25)
        #expect(plainCodes.filter { population.person(hetu: $0) != nil }.count < 25)

        let tooMany = try await VTJDropBinary.runDetached(["hetu", "--generate", "100000", "--sandbox"])
        #expect(tooMany.status != 0 && tooMany.stderr.contains("holds \(population.size) persons"))
        let alone = try await VTJDropBinary.runDetached(["hetu", "--sandbox", "010594Y9032"])
        #expect(alone.status != 0 && alone.stderr.contains("--sandbox goes with --generate"))
    }
}
