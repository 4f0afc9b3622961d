import Foundation
import Testing
import VTJXML

struct XMLSchemaValidatorTests {
    @Test func validFixturesHaveNoProblems() throws {
        for name in ["muutokset-several.xml", "kirjausavain.xml", "virhe.xml"] {
            #expect(try XMLSchemaValidator.validate(file: Fixture.path(name), schemaPath: Fixture.profileSchemaPath) == [], "\(name)")
        }
    }

    @Test func problemsCarryLineNumbers() throws {
        let body = """
            <?xml version="1.0"?>
            <perustiedotVastaus ajanTasalla="true">
              <henkilo henkilotunnus="010594Y9032"/>
              <henkilo henkilotunnus="not-a-hetu"/>
              <jatkoavain>a</jatkoavain>
              <henkilo henkilotunnus="020594X903P"/>
            </perustiedotVastaus>
            """
        let problems = try XMLSchemaValidator.validate(document: Array(body.utf8), schemaPath: Fixture.profileSchemaPath)
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("line 4: ") == true)
        #expect(problems.first?.contains("not-a-hetu") == true)
        #expect(problems.last?.hasPrefix("line 6: ") == true)
    }

    @Test func notWellFormedIsAProblemNotAThrow() throws {
        let problems = try XMLSchemaValidator.validate(document: Array("<virhe><koodi>".utf8), schemaPath: Fixture.profileSchemaPath)
        #expect(!problems.isEmpty)
    }

    @Test func aDoctypeIsAProblemAndNothingIsLoaded() throws {
        let problems = try XMLSchemaValidator.validate(document: try Fixture.bytes("hostile-xxe.xml"), schemaPath: Fixture.profileSchemaPath)
        #expect(problems.contains { $0.contains("DOCTYPE") })
        #expect(!problems.contains { $0.contains("root:") })
    }

    @Test func missingOrBrokenSchemaThrows() throws {
        #expect(throws: XMLSchemaError.self) { try XMLSchemaValidator.validate(document: [], schemaPath: "/nonexistent/schema.xsd") }
        #expect(throws: XMLSchemaError.self) { try XMLSchemaValidator.validate(document: [], schemaPath: Fixture.path("virhe.xml")) }
    }
}
