import Foundation
import Testing
import VTJCore
import VTJXML

/// Bodies that must never become a (short) result: broken, cut, hostile, or the wrong message.
struct ResponseReaderFailureTests {
    /// Reads a perustiedot body, returning the error (and failing the test if there was none).
    static func perustiedotError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> XMLReadError? {
        do {
            var count = 0
            let reader = try ResponseReader(bytes: bytes, documentName: "body.xml")
            _ = try reader.readPerustiedot { _ in count += 1 }
            Issue.record("read returned normally with \(count) persons", sourceLocation: sourceLocation)
            return nil
        } catch let error as XMLReadError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func mismatchedTagNamesTheLine() throws {
        let error = try #require(Self.perustiedotError(try Fixture.bytes("malformed-mismatched.xml")))
        #expect(error.kind == .malformed)
        #expect(error.line == 5)
        #expect(error.reason.contains("kuntakoodi"))
        #expect(error.description.hasPrefix("body.xml:5: "))
    }

    /// Every cut of a valid body (at any byte, including inside a multi-byte letter) is an
    /// error, never a shorter list of persons.
    @Test func everyTruncationIsAnError() throws {
        let whole = ResponseXML.perustiedot(
            [Person(hetu: "010594Y9032", records: [Record(group: .henkilonNimi, fields: [.text("etunimi", "Äijä"), .text("sukunimi", "Öörni")])]),
             Person(hetu: "010516B903X", records: [Record(group: .kotikunta, fields: [.text("kuntakoodi", "091")])])],
            page: PerustiedotPageInfo(upToDate: true))
        var persons = 0
        _ = try ResponseReader(bytes: whole, documentName: "whole").readPerustiedot { _ in persons += 1 }
        #expect(persons == 2)
        // The last bytes are the root's end tag and a newline; cutting only the newline is whole.
        let rootEnd = try #require(Fixture.text(whole).range(of: "</perustiedotVastaus>")).upperBound.utf16Offset(in: Fixture.text(whole))
        for cut in 0..<rootEnd {
            let error = Self.perustiedotError(Array(whole[0..<cut]))
            if let error { #expect(error.line >= 0) } else { Issue.record("cut at \(cut) was accepted"); break }
        }
    }

    @Test func truncatedBodyErrorHasLineAndReason() throws {
        let whole = try Fixture.bytes("perustiedot-all-groups.xml")
        let error = try #require(Self.perustiedotError(Array(whole[0..<(whole.count / 2)])))
        #expect(error.kind == .malformed)
        #expect(error.line > 100)
        #expect(!error.reason.isEmpty)
    }

    /// Line numbers stay exact past 65,535 (where libxml2's node lines stop counting).
    @Test func errorLinesBeyond65535AreExact() throws {
        let person = Person(hetu: "010594Y9032", records: (0..<10).map { _ in
            Record(group: .kotikunta, fields: [.text("kuntakoodi", "091"), .date("kuntaanMuuttopv", PartialDate(text: "2020-01-01", precision: .day))])
        })
        var lines = Fixture.text(ResponseXML.perustiedot(Array(repeating: person, count: 2000), page: PerustiedotPageInfo(upToDate: true)))
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count > 80_000)
        let broken = 80_000
        lines[broken - 1] = "<kuntakoodi>091</kunta>"
        let error = try #require(Self.perustiedotError(Array(lines.joined(separator: "\n").utf8)))
        #expect(error.line == broken)
        #expect(error.kind == .malformed)
        // A body cut far down names the line where it ends.
        let cut = try #require(Self.perustiedotError(Array(lines.prefix(broken - 1).joined(separator: "\n").utf8)))
        #expect(cut.line >= broken - 2)
    }

    @Test func emptyAndGarbageBodies() {
        for body in ["", " \n", "\u{FEFF}", "not xml at all", "<", "<?xml version=\"1.0\"?>", "<perustiedotVastaus ajanTasalla=\"true\">",
                     "<perustiedotVastaus ajanTasalla=\"true\"/><extra/>", "<perustiedotVastaus ajanTasalla=\"true\"/>trailing",
                     "\u{0}\u{1}\u{2}"] {
            let error = Self.perustiedotError(Array(body.utf8))
            #expect(error != nil, "accepted: \(body.debugDescription)")
        }
    }

    @Test(arguments: ["hostile-billion-laughs.xml", "hostile-xxe.xml", "hostile-external-dtd.xml", "hostile-parameter-entity.xml"])
    func hostileBodiesFailFastWithoutReadingAnything(fixture: String) throws {
        let started = ContinuousClock.now
        let error = try #require(Self.perustiedotError(try Fixture.bytes(fixture)))
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(error.kind == .forbiddenConstruct)
        #expect(error.reason.contains("DOCTYPE"))
        #expect(!error.reason.contains("root:"), "nothing of /etc/passwd may appear")
    }

    @Test func hostileBodyOverAFileDescriptorToo() throws {
        let path = try Fixture.path("hostile-xxe.xml")
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let reader = try ResponseReader(fileDescriptor: fd, documentName: "xxe")
        #expect(throws: XMLReadError.self) { _ = try reader.readPerustiedot { _ in } }
    }

    @Test func undeclaredEntityIsAnError() {
        let error = Self.perustiedotError(Array("<perustiedotVastaus ajanTasalla=\"true\"><henkilo henkilotunnus=\"010594Y9032\"><tietoryhma nimi=\"X\"><a>&xxe;</a></tietoryhma></henkilo></perustiedotVastaus>".utf8))
        #expect(error?.reason.contains("xxe") == true)
    }

    @Test func wrongRootIsAnError() throws {
        let error = try #require(Self.perustiedotError(try Fixture.bytes("wrong-root.xml")))
        #expect(error.kind == .unexpectedRoot)
        #expect(error.reason.contains("perustiedotVastaus"))
        #expect(error.reason.contains("muutoksetVastaus"))
        // An error body where data was expected names the server's code.
        let virhe = try #require(Self.perustiedotError(try Fixture.bytes("virhe.xml")))
        #expect(virhe.kind == .unexpectedRoot)
        #expect(virhe.reason.contains("LIIAN_MONTA_HETUA"))
        // And the other readers check their roots too.
        #expect(throws: XMLReadError.self) { try ResponseReader.readLogKey(try Fixture.bytes("wrong-root.xml"), documentName: "k") }
        #expect(throws: XMLReadError.self) {
            _ = try ResponseReader(bytes: try Fixture.bytes("kirjausavain.xml"), documentName: "m").readMuutokset { _ in }
        }
    }

    @Test(arguments: [
        ("<perustiedotVastaus/>", "ajanTasalla"),
        ("<perustiedotVastaus ajanTasalla=\"kyllä\"/>", "ajanTasalla"),
        ("<perustiedotVastaus ajanTasalla=\"true\"><henkilo/></perustiedotVastaus>", "henkilotunnus"),
        ("<perustiedotVastaus ajanTasalla=\"true\"><henkilo henkilotunnus=\"010594Y9032\"><tietoryhma/></henkilo></perustiedotVastaus>", "nimi"),
        ("<perustiedotVastaus ajanTasalla=\"true\"><henkilo henkilotunnus=\"010594Y9032\"><tietoryhma nimi=\"X\" muutosattribuutti=\"OUTO\"/></henkilo></perustiedotVastaus>", "OUTO"),
    ])
    func invalidMessagesNameTheProblem(body: String, phrase: String) throws {
        let error = try #require(Self.perustiedotError(Array(body.utf8)))
        #expect(error.kind == .invalidMessage)
        #expect(error.reason.contains(phrase))
    }

    @Test(arguments: [
        ("<muutoksetVastaus ajanTasalla=\"true\"/>", "viimeisinKirjausavain"),
        ("<muutoksetVastaus ajanTasalla=\"true\"><viimeisinKirjausavain>12x</viimeisinKirjausavain></muutoksetVastaus>", "12x"),
        ("<muutoksetVastaus ajanTasalla=\"true\"><viimeisinKirjausavain>9223372036854775808</viimeisinKirjausavain></muutoksetVastaus>", "64-bit"),
        ("<muutoksetVastaus ajanTasalla=\"true\"><viimeisinKirjausavain>1</viimeisinKirjausavain><muutos henkilotunnus=\"010594Y9032\"/></muutoksetVastaus>", "muutospv"),
    ])
    func invalidChangePages(body: String, phrase: String) throws {
        do {
            _ = try ResponseReader(bytes: Array(body.utf8), documentName: "m").readMuutokset { _ in }
            Issue.record("accepted")
        } catch let error as XMLReadError {
            #expect(error.kind == .invalidMessage)
            #expect(error.reason.contains(phrase))
        }
    }

    @Test func callbackErrorsPassThroughUnchanged() throws {
        struct Stop: Error {}
        let reader = try ResponseReader(bytes: try Fixture.bytes("perustiedot-all-groups.xml"), documentName: "all")
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try reader.readPerustiedot { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
        // One reader reads one document.
        #expect(throws: XMLReadError.self) { _ = try reader.readPerustiedot { _ in } }
    }
}
