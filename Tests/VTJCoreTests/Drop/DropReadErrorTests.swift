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
        let refusal = DropRefusal(error)
        #expect(refusal.code == code)
        #expect(refusal.description.contains("lista.txt:7: something is wrong"))
        #expect(refusal.finnish.contains("lista.txt, rivi 7: tekninen kuvaus englanniksi: something is wrong"))
        #expect(refusal.message.text(.swedish).contains("lista.txt, rad 7: teknisk beskrivning på engelska: something is wrong"))
        #expect(!refusal.description.contains("\n") && !refusal.finnish.contains("\n"))
    }

    @Test func withoutALineTheFileIsStillNamed() {
        let refusal = DropRefusal(DropReadError(file: "tyhja.txt", kind: .empty, message: Message(.readEmpty)))
        #expect(refusal.description == "the file could not be read: tyhja.txt: the file is empty (0 bytes); drop a list with one henkilötunnus per line; fix it and drop it again")
        #expect(refusal.finnish == "tiedostoa ei voitu lukea: tyhja.txt: tiedosto on tyhjä (0 tavua); pudota luettelo, jossa on yksi henkilötunnus riviä kohden")
    }
}
