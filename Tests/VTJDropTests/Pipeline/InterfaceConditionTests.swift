import Testing
import VTJClient
import VTJCore
@testable import VTJDrop

/// The operator's line when the interface refuses the appliance names what that wire answered and
/// nothing another wire would have: a 401 on REST is not explained with SOAP return codes.
@Suite struct InterfaceConditionTests {
    @Test func aRESTRefusalQuotesItsStatusAndNoSOAPCode() {
        let body = InterfaceErrorBody(code: "", message: #"{"koodi":"TUNNISTUS","viesti":"väärä salasana"}"#)
        let condition = InterfaceCondition(.refused(.basicData, status: 401, virhe: body, messageID: "01ab"))
        let line = condition.description
        #expect(condition.code == "refusing-credentials")
        #expect(line.contains("the credentials were refused (HTTP 401: {\"koodi\""), "\(line)")
        #expect(line.contains("request 01ab); check VTJDROP_VTJ_USER and the password file"), "\(line)")
        #expect(!line.contains("return code") && !line.contains("soap"), "\(line)")
    }

    @Test func aSOAPRefusalQuotesItsReturnCodeAndNoHTTPStatus() {
        let code = ServiceReturnCode(code: "0003", text: "Käyttäjätunnus tai salasana virheellinen", kind: .credentials)
        let condition = InterfaceCondition(.serviceRefused(.basicData, code: code, messageID: "02cd"))
        let line = condition.description
        #expect(condition.code == "refusing-credentials")
        #expect(line.contains("the credentials were refused (return code 0003 \"Käyttäjätunnus"), "\(line)")
        #expect(!line.contains("401"), "\(line)")
    }

    @Test func eachRefusalNamesWhatToCheckAfterTheAnswer() throws {
        let hetu = try Henkilotunnus("010190-901R")
        for refusal in InterfaceRefusal.allCases {
            let line = refusal.explanation(answer: "HTTP 403: 010190-901R ei lupaa")
            #expect(line == "\(refusal.problem) (HTTP 403: \(hetu.masked) ei lupaa); \(refusal.remedy)", "\(line)")
            #expect(!line.contains("901R"), "a henkilötunnus in the answer is masked: \(line)")
        }
    }

    @Test func aHeldDropSaysTheSame() {
        let outcome = WaitReason.interfaceRefuses(.refusing(.address, detail: "HTTP 404, request 03ef"))
        #expect(outcome.description == "held until the interface accepts the appliance again: vtj.url does not point at the interface (HTTP 404, request 03ef); check vtj.url")
    }
}
