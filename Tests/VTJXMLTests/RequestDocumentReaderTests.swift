import Testing
import VTJCore
import VTJXML

@Suite struct RequestDocumentReaderTests {
    let reader = RequestDocumentReader()

    private func read(_ xml: String) throws(DropReadError) -> DropContent { try reader.read(Array(xml.utf8), file: "pyynto.xml") }

    private func expectError(_ xml: String, kind: DropReadError.Kind, line: Int?, containing phrase: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        do throws(DropReadError) {
            _ = try read(xml)
            Issue.record("expected an error containing \(phrase)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.file == "pyynto.xml", sourceLocation: sourceLocation)
            if let line { #expect(error.line == line, "\(error)", sourceLocation: sourceLocation) }
            #expect(error.description.contains(phrase), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func theContractExample() throws {
        let request = try read("""
        <pyynto toiminto="perustiedot" kayttotarkoitus="perusopetus" muoto="csv" tunniste="oma-viite-42">
          <tietoryhmat><tietoryhma>HENKILON_NIMI</tietoryhma><tietoryhma>KOTIKUNTA</tietoryhma></tietoryhmat>
          <hetulista><hetu>010594Y9032</hetu><hetu>010516B903X</hetu></hetulista>
        </pyynto>
        """)
        #expect(request.operation == .perustiedot)
        #expect(request.purpose == "perusopetus")
        #expect(request.format == .csv)
        #expect(request.reference == "oma-viite-42")
        #expect(request.groups == [.henkilonNimi, .kotikunta])
        #expect(request.unknownGroups.isEmpty)
        #expect(request.hetus.map(\.value) == ["010594Y9032", "010516B903X"])
        #expect(request.hetuElements == 2)
    }

    @Test(arguments: DropContent.Operation.allCases)
    func everyOperation(operation: DropContent.Operation) throws {
        let body = operation.takesHetus ? "<hetulista><hetu>010594Y9032</hetu></hetulista>" : ""
        let request = try read("<pyynto toiminto=\"\(operation.rawValue)\">\(body)</pyynto>")
        #expect(request.operation == operation)
        #expect(request.purpose == nil && request.format == nil && request.reference == nil && request.groups == nil)
        #expect(request.hetus.count == (operation.takesHetus ? 1 : 0))
    }

    @Test func rejectedAndDuplicateHetusCarryTheirLines() throws {
        let request = try read("""
        <?xml version="1.0" encoding="UTF-8"?>
        <pyynto toiminto="seuranta-lisaa" kayttotarkoitus="kirjasto">
          <hetulista>
            <hetu>010594Y9032</hetu>
            <hetu> 020594x903p </hetu>
            <hetu>010594Y903A</hetu>
            <hetu/>
            <hetu>010594Y9032</hetu>
          </hetulista>
        </pyynto>
        """)
        #expect(request.hetus.map(\.value) == ["010594Y9032", "020594X903P"])
        #expect(request.hetuLines == [4, 5])
        #expect(request.warnings == [.init(line: 5, warning: .lowercase)])
        #expect(request.rejected.map(\.line) == [6, 7])
        #expect(request.rejected.map(\.error?.kind) == ["tarkistusmerkki", "muoto"])
        #expect(request.rejected.first?.reason.description == "bad check character 'A': the date and individual number give '2'")
        #expect(request.duplicates.map(\.line) == [8])
        #expect(request.duplicates.first?.firstLine == 4)
        #expect(request.hetuElements == 5)
    }

    @Test func lineNumbersHoldDeepInALongDocument() throws {
        let valid = ["010594Y9032", "020594X903P", "030594W903B", "040594V9030", "050594U903M"]
        var lines = ["<pyynto toiminto=\"perustiedot\">", "<hetulista>"]
        for index in 0..<3000 { lines.append("  <hetu>\(index == 2500 ? "bad" : valid[index % 5])</hetu>") }
        lines += ["</hetulista>", "</pyynto>"]
        let request = try read(lines.joined(separator: "\n"))
        #expect(request.rejected.map(\.line) == [2503])
        #expect(request.duplicates.first?.line == 8)
    }

    /// libxml2 keeps element lines in 16 bits; lines past 65535 must still be exact.
    @Test func lineNumbersPastSixtyFiveThousand() throws {
        var lines = ["<pyynto toiminto=\"perustiedot\">", "<hetulista>"]
        for index in 0..<70_000 { lines.append(index == 69_000 ? "<hetu>010594Y903A</hetu>" : "<!-- \(index) -->") }
        lines += ["<hetu>010594Y9032</hetu>", "</hetulista>", "</pyynto>"]
        let request = try read(lines.joined(separator: "\n"))
        #expect(request.rejected.map(\.line) == [69_003])
        #expect(request.hetuLines == [70_003])
    }

    /// Comments, CDATA and processing instructions that look like tags, and CRLF or lone CR
    /// line ends, do not shift the reported lines.
    @Test func lineNumbersSurviveCommentsCDATAAndLineEnds() throws {
        for ending in ["\r\n", "\r", "\n"] {
            let request = try read([
                "<?xml version=\"1.0\"?>",
                "<!-- esimerkki: <hetu>010594Y9032</hetu>",
                "     toinen rivi -->",
                "<pyynto toiminto=\"perustiedot\"><?kasittely <hetu>?>",
                "<hetulista>",
                "<hetu><![CDATA[",
                "010594Y903A]]></hetu>",
                "<hetu>bad</hetu>",
                "</hetulista></pyynto>",
            ].joined(separator: ending))
            #expect(request.rejected.map(\.line) == [6, 8], "line ending \(ending.debugDescription)")
        }
    }

    @Test func unknownGroupsAreReportedNotGranted() throws {
        let request = try read("""
        <pyynto toiminto="perustiedot">
          <tietoryhmat>
            <tietoryhma>kotikunta</tietoryhma>
            <tietoryhma>PASSIKUVA</tietoryhma>
            <tietoryhma>KOTIKUNTA</tietoryhma>
          </tietoryhmat>
          <hetulista><hetu>010594Y9032</hetu></hetulista>
        </pyynto>
        """)
        #expect(request.groups == [.kotikunta])
        #expect(request.unknownGroups == [.init(name: "PASSIKUVA", line: 4)])
    }

    @Test func unknownGroupsAreReportedOnceEachAndBounded() throws {
        let names = (0..<300).map { "<tietoryhma>KUVA\($0 % 150)</tietoryhma>" }.joined()
        let request = try read("<pyynto toiminto=\"perustiedot\"><tietoryhmat>\(names)</tietoryhmat><hetulista><hetu>010594Y9032</hetu></hetulista></pyynto>")
        #expect(request.unknownGroups.map(\.name) == (0..<DropContent.unknownGroupLimit).map { "KUVA\($0)" })
        #expect(request.unknownGroupCount == 300)
        #expect(request.groups == [])
    }

    @Test func documentErrorsNameFileLineAndReason() {
        expectError("<pyynto toiminto=\"poista-kaikki\"/>", kind: .unknownOperation, line: 1, containing: "unknown toiminto \"poista-kaikki\"; use one of perustiedot")
        expectError("<pyynto><hetulista><hetu>010594Y9032</hetu></hetulista></pyynto>", kind: .request, line: 1, containing: "no toiminto attribute")
        expectError("<pyynto toiminto=\"perustiedot\" muoto=\"pdf\"><hetulista><hetu>010594Y9032</hetu></hetulista></pyynto>",
                    kind: .request, line: 1, containing: "unknown muoto \"pdf\"; use csv, xlsx or xml")
        expectError("<pyynto toiminto=\"perustiedot\"/>", kind: .request, line: 1, containing: "needs a <hetulista>")
        expectError("<pyynto toiminto=\"muutokset\">\n<hetulista><hetu>010594Y9032</hetu></hetulista></pyynto>",
                    kind: .request, line: 1, containing: "takes no <hetulista>")
        expectError("<request toiminto=\"perustiedot\"/>", kind: .request, line: 1, containing: "the document is <request>")
        expectError("<pyynto toiminto=\"perustiedot\">\n<hetulsta><hetu>010594Y9032</hetu></hetulsta></pyynto>",
                    kind: .request, line: 2, containing: "unexpected element <hetulsta>")
        expectError("<pyynto toiminto=\"perustiedot\">\n<hetulista>010594Y9032</hetulista></pyynto>",
                    kind: .request, line: 2, containing: "text outside")
        expectError("<pyynto toiminto=\"perustiedot\" tunniste=\"a&#10;b\"><hetulista><hetu>010594Y9032</hetu></hetulista></pyynto>",
                    kind: .request, line: 1, containing: "control characters")
        expectError("<pyynto toiminto=\"perustiedot\">\n<hetulista><hetu>010594Y9032</hetu>\n</pyynto>",
                    kind: .xml, line: 3, containing: "pyynto.xml:3:")
        expectError("", kind: .empty, line: nil, containing: "pyynto.xml: the file is empty (0 bytes)")
    }

    @Test func emptyFilesAndListsNamedXMLAreToldApartFromBrokenXML() {
        expectError("\u{FEFF} \r\n\t\n", kind: .empty, line: nil, containing: "the file is empty (only blanks or a byte order mark)")
        expectError("\n\n010594Y9032\n020594X903P\n", kind: .wrongFormat, line: 3, containing: "not an XML document")
        expectError("\u{FEFF}010594Y9032;Matti\n", kind: .wrongFormat, line: 1, containing: "must be named .txt or .csv")
        // A document that starts with '<' is libxml2's to judge, whatever follows.
        expectError("<010594Y9032>\n", kind: .xml, line: 1, containing: "pyynto.xml:1:")
    }

    @Test func externalEntitiesAreRefusedUnread() {
        expectError("""
        <?xml version="1.0"?>
        <!DOCTYPE pyynto [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <pyynto toiminto="perustiedot"><hetulista><hetu>&xxe;</hetu></hetulista></pyynto>
        """, kind: .xml, line: nil, containing: "DOCTYPE")
        expectError("""
        <pyynto toiminto="perustiedot"><hetulista><hetu>&xxe;</hetu></hetulista></pyynto>
        """, kind: .xml, line: 1, containing: "pyynto.xml:1:")
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        expectError("<?xml version=\"1.0\"?>\n<!DOCTYPE pyynto [\(entities)]>\n<pyynto toiminto=\"perustiedot\"><hetulista><hetu>&lol9;</hetu></hetulista></pyynto>",
                    kind: .xml, line: nil, containing: "DOCTYPE")
    }
}
