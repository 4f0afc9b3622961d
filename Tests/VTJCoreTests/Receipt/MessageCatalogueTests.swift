import Testing
@testable import VTJCore

/// Every text a department reads exists in Finnish and Swedish (and English for the operator),
/// with the same placeholders, and renders completely.
@Suite struct MessageCatalogueTests {
    @Test(arguments: Language.allCases)
    func everyKeyHasATemplate(_ language: Language) {
        let table = MessageCatalogue.table(language)
        for key in MessageKey.allCases {
            #expect(table[key]?.isEmpty == false, "\(key.rawValue) missing in \(language.rawValue)")
        }
        #expect(table.count == MessageKey.allCases.count)
    }

    @Test(arguments: MessageKey.allCases)
    func placeholdersAgreeAcrossLanguages(_ key: MessageKey) {
        let finnish = MessageCatalogue.placeholders(MessageCatalogue.template(key, .finnish))
        for language in Language.allCases {
            #expect(MessageCatalogue.placeholders(MessageCatalogue.template(key, language)) == finnish,
                    "\(key.rawValue): \(language.rawValue) uses other arguments than Finnish")
        }
    }

    /// Every template, filled with counts of 1 and 2, leaves no brace and no empty choice behind.
    @Test(arguments: MessageKey.allCases)
    func rendersCompletely(_ key: MessageKey) {
        for count in [1, 2] {
            let names = MessageCatalogue.placeholders(MessageCatalogue.template(key, .finnish))
            let message = Message(key, Dictionary(uniqueKeysWithValues: names.map { ($0, MessageArgument.count(count)) }))
            for language in Language.allCases {
                let text = message.text(language)
                #expect(!text.contains("{") && !text.contains("}"), "\(key.rawValue) in \(language.rawValue): \(text)")
                #expect(!text.isEmpty)
            }
        }
    }

    /// Swedish and Finnish are really written, not copied: they differ wherever the text has words.
    @Test(arguments: MessageKey.allCases)
    func finnishAndSwedishDiffer(_ key: MessageKey) {
        let wordless: Set<MessageKey> = [.summaryWithheldRule, .readErrorInFile]
        guard !wordless.contains(key) else { return }
        #expect(MessageCatalogue.template(key, .finnish) != MessageCatalogue.template(key, .swedish), "\(key.rawValue)")
    }

    @Test func pluralsAndNumbers() {
        #expect(Message(.headlineFixRejected, ["invalid": 1]).text(.finnish).hasPrefix("1 rivi hylättiin: korjaa se"))
        #expect(Message(.headlineFixRejected, ["invalid": 2]).text(.finnish).hasPrefix("2 riviä hylättiin: korjaa ne"))
        #expect(Message(.headlineFixRejected, ["invalid": 0]).text(.finnish).hasPrefix("0 riviä hylättiin"))
        #expect(Message(.headlineFixRejected, ["invalid": 1]).text(.swedish).hasPrefix("1 rad avvisades: rätta den"))
        #expect(Message(.headlineFixRejected, ["invalid": 2]).text(.swedish).hasPrefix("2 rader avvisades: rätta dem"))
        #expect(Message(.summaryLines, ["lines": 20_000, "valid": 1, "invalid": 19_999]).text(.finnish)
            == "Luettiin 20\u{00A0}000 riviä: 1 kelvollinen henkilötunnus, 19\u{00A0}999 hylättyä riviä.")
        #expect(Message(.summaryLines, ["lines": 1234, "valid": 1, "invalid": 0]).text(.english)
            == "1234 lines read: 1 valid henkilötunnus, 0 rejected lines.")
        #expect(Language.english.number(1_234_567) == "1,234,567")
        #expect(Language.finnish.number(-12_345) == "-12\u{00A0}345")
    }

    /// A nested message is written in the outer message's language.
    @Test func nestedMessagesFollowTheLanguage() {
        let refusal = DropRefusal.purpose(.excluded("hr", .employees))
        #expect(refusal.message.text(.swedish).hasPrefix("ändamålet \"hr\" är aldrig tillåtet: produkten får inte"))
        #expect(refusal.finnish.hasPrefix("käyttötarkoitus \"hr\" ei ole koskaan sallittu: tuotteella ei saa"))
        #expect(refusal.description.hasPrefix("purpose \"hr\" is never allowed: the product may not"))
    }

    /// The SOAP wire's refusal says, in each language, what the query interface lacks and which
    /// `vtj.wire` would serve the operation, joined with that language's "or".
    @Test func operationNotOnWireInEveryLanguage() {
        let refusal = DropRefusal.operationNotOnWire(.muutokset, wire: .soap)
        #expect(refusal.code == "toiminto-ei-rajapinnassa")
        #expect(refusal.finnish == "toimintoa muutokset ei voi palvella tämän palvelun käyttämän rajapinnan kautta (vtj.wire: soap): "
                + "kyselyrajapinta antaa vain yhden henkilön nykyiset tiedot, eikä sillä ole muutostietoja eikä seurantarekisteriä; "
                + "se vaatii asetuksen vtj.wire: xml tai json (kysy palvelun ylläpidolta); väestötietojärjestelmään ei lähetetty mitään")
        #expect(refusal.message.text(.swedish).contains("(vtj.wire: soap): förfrågningsgränssnittet ger bara aktuella uppgifter om en person i taget"))
        #expect(refusal.message.text(.swedish).contains("den kräver vtj.wire: xml eller json"))
        #expect(refusal.description.contains("it needs vtj.wire: xml or json"))
        let municipal = DropRefusal.operationNotOnWire(.kuntaPerustiedot, wire: .soap).message
        #expect(municipal.text(.finnish).contains("eikä voi valita koko kunnan asukkaita"))
        #expect(municipal.text(.swedish).contains("kan inte välja hela kommunens invånare"))
    }
}
