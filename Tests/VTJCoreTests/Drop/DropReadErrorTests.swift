import Testing
import VTJCore

@Suite struct DropReadErrorTests {
    @Test(arguments: [
        (DropReadError.Kind.request, "virheellinen-pyynto"),
        (.unknownOperation, "tuntematon-toiminto"),
        (.notText, "tiedosto-ei-luettavissa"),
        (.wrongFormat, "tiedosto-ei-luettavissa"),
        (.csvHeader, "tiedosto-ei-luettavissa"),
        (.xml, "tiedosto-ei-luettavissa"),
        (.empty, "tiedosto-ei-luettavissa"),
    ])
    func everyKindBecomesARefusalThatNamesFileAndLine(kind: DropReadError.Kind, code: String) {
        let error = DropReadError(file: "lista.txt", line: 7, kind: kind, reason: "something is wrong")
        let refusal = RequestRefusal(error)
        #expect(refusal.code == code)
        #expect(refusal.description.contains("lista.txt:7: something is wrong"))
        #expect(refusal.finnish.contains("lista.txt:7: something is wrong"))
        #expect(!refusal.description.contains("\n") && !refusal.finnish.contains("\n"))
    }

    @Test func withoutALineTheFileIsStillNamed() {
        let refusal = RequestRefusal(DropReadError(file: "tyhja.txt", kind: .empty, reason: "the file is empty (0 bytes)"))
        #expect(refusal.description == "the file could not be read: tyhja.txt: the file is empty (0 bytes); fix it and drop it again")
    }
}
