import Foundation
import Synchronization
import Testing
import VTJClient
import VTJCore
import VTJXML
import VTJTestSupport

/// VTJInterfaceClient against the scripted loopback responder: headers, echo, retry timing,
/// error classification and what reaches the logs.
@Suite("VTJInterfaceClient over the loopback responder")
struct ClientResponderTests {
    /// Answers every perustiedot message with all asked persons except those in `missing`.
    static func echoPersons(missing: Set<String> = []) -> @Sendable (LoopbackResponder.Seen) -> LoopbackResponder.Reply {
        { seen in
            let asked = ClientTestData.askedHetus(seen.body).filter { !missing.contains($0) }
            return .init(status: 200, body: ClientTestData.perustiedotBody(asked))
        }
    }

    @Test("every call carries auth, content type, X-Road-Client and a fresh time-sortable X-Request-Id")
    func headers() async throws {
        let responder = try LoopbackResponder(handler: Self.echoPersons())
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(
            responder.baseURL, parallelism: 1, maxHetusPerMessage: 10))
        let report = try await client.basicData(hetus: TestHetu.distinct(35)) { _ in }
        #expect(report.messages == 4)
        let seen = responder.requests
        #expect(seen.count == 4)
        let expectedAuth = "Basic " + Data("\(ClientTestData.user):\(ClientTestData.password)".utf8).base64EncodedString()
        for request in seen {
            #expect(request.method == "POST")
            #expect(request.path == "/api/v1/perustiedot")
            #expect(request.header("Authorization") == expectedAuth)
            #expect(request.header("Content-Type") == "application/xml; charset=utf-8")
            #expect(request.header("X-Road-Client") == "FI/GOV/0000000-0/vtjdrop-test")
            #expect(request.header("Expect") == nil)
        }
        let ids = seen.compactMap { $0.header("X-Request-Id") }
        #expect(ids.count == 4)
        #expect(Set(ids).count == 4)
        #expect(ids == ids.sorted(), "sequential ids are not time-sortable")
        #expect(client.statistics.missingEchoes == 0)
    }

    @Test("a 200 echoing another request's id is never handed on, and is retried")
    func wrongEcho() async throws {
        let replies = ReplyScript([
            .init(status: 200, body: ClientTestData.perustiedotBody(["010594Y9032"]), echo: .other("someone-else")),
        ])
        let responder = try LoopbackResponder { seen in replies.next() ?? Self.echoPersons()(seen) }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL))
        let persons = Collected<String>()
        let report = try await client.basicData(hetus: [try Henkilotunnus("010594Y9032")]) { persons.append($0.hetu) }
        #expect(persons.all == ["010594Y9032"])
        #expect(report.notFound.isEmpty)
        #expect(client.statistics.attempts == 2)
    }

    @Test("429 with Retry-After waits at least that long, then recovers")
    func retryAfter() async throws {
        let replies = ReplyScript([.init(status: 429, headers: [("Retry-After", "1")])])
        let responder = try LoopbackResponder { seen in replies.next() ?? Self.echoPersons()(seen) }
        defer { responder.stop() }
        let sleeper = RecordingSleeper()
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL), sleeper: sleeper.sleeper)
        let report = try await client.basicData(hetus: TestHetu.distinct(3)) { _ in }
        #expect(report.returned == 3)
        #expect(sleeper.recorded.count == 1)
        #expect(sleeper.recorded.allSatisfy { $0 >= .seconds(1) && $0 <= .milliseconds(1100) })
        let times = responder.requests.count
        #expect(times == 2)
    }

    @Test("5xx and cut bodies back off and recover", arguments: [
        LoopbackResponder.Reply(status: 500), .init(status: 502), .init(status: 503), .init(status: 504),
        .init(status: 200, body: Array("<perustiedotVastaus ajanTasalla=\"true\"><henkilo henkilotunnus=\"0".utf8)),
        .init(status: 200, body: Array("<perustiedotVastaus ajanTasalla=\"true\">".utf8), missingBytes: 40),
        .init(status: 200, body: Array("<somethingElse/>".utf8)),
    ])
    func transientRecovers(first: LoopbackResponder.Reply) async throws {
        let replies = ReplyScript([first, first])
        let responder = try LoopbackResponder { seen in replies.next() ?? Self.echoPersons()(seen) }
        defer { responder.stop() }
        let sleeper = RecordingSleeper()
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL), sleeper: sleeper.sleeper)
        let persons = Collected<String>()
        let asked = TestHetu.distinct(5)
        let report = try await client.basicData(hetus: asked) { persons.append($0.hetu) }
        #expect(Set(persons.all) == Set(asked.map(\.value)))
        #expect(persons.all.count == 5)
        #expect(report.notFound.isEmpty)
        #expect(sleeper.recorded.count == 2)
        // Equal jitter: the second wait's ceiling is twice the first's (20 ms, then 40 ms).
        #expect(sleeper.recorded[0] >= .milliseconds(10) && sleeper.recorded[0] <= .milliseconds(20))
        #expect(sleeper.recorded[1] >= .milliseconds(20) && sleeper.recorded[1] <= .milliseconds(40))
    }

    @Test("a body that ends mid-document after some persons: the retry's copies are all handed on, counted once")
    func partialBodyRepeatsHandedOn() async throws {
        let asked = TestHetu.distinct(50)
        let full = ClientTestData.perustiedotBody(asked.map(\.value))
        // Whole at the HTTP level (the transfer succeeds), cut as a document: read until it breaks.
        let replies = ReplyScript([.init(status: 200, body: Array(full.prefix(full.count * 2 / 3)))])
        let responder = try LoopbackResponder { seen in replies.next() ?? Self.echoPersons()(seen) }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL))
        let persons = Collected<Person>()
        let report = try await client.basicData(hetus: asked) { persons.append($0) }
        // Whether a second copy is harmless is the disclosure rules' call (AnswerLedger), so the
        // client hands every copy on: the cut attempt's persons arrive again from the retry.
        #expect(persons.all.count > 50)
        #expect(Set(persons.all.map(\.hetu)).count == 50)
        let first = Dictionary(persons.all.map { ($0.hetu, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(persons.all.allSatisfy { first[$0.hetu] == $0 }, "a repeat differs from its first copy")
        #expect(report.returned == 50)
    }

    @Test("400/401/403/404 fail at once with the server's virhe text", arguments: [400, 401, 403, 404])
    func permanent(status: Int) async throws {
        let virhe = InterfaceErrorBody(code: "KOODI_\(status)", message: "viesti \(status): älä yritä uudelleen")
        let responder = try LoopbackResponder { _ in .init(status: status, body: ResponseXML.error(virhe)) }
        defer { responder.stop() }
        let logs = LogCapture()
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL), logger: logs.logger())
        do {
            _ = try await client.basicData(hetus: TestHetu.distinct(3)) { _ in }
            Issue.record("\(status) did not fail")
        } catch let error as VTJClientError {
            #expect(error.isPermanent)
            #expect(error.status == status)
            #expect(error.serverMessage == virhe.description)
            #expect(error.description.contains("viesti \(status): älä yritä uudelleen"))
            #expect(error.stopsNewWork == (status == 401 || status == 403))
            let id = try #require(error.messageID)
            #expect(responder.requests.map { $0.header("X-Request-Id") } == [id])
            #expect(!error.description.contains(ClientTestData.password))
        }
        #expect(responder.requests.count == 1)
        #expect(!logs.all.joined().contains(ClientTestData.password))
    }

    @Test("retries run out as a transient error naming the last cause")
    func exhausted() async throws {
        let responder = try LoopbackResponder { _ in .init(status: 503, body: ResponseXML.error(.init(code: "HUOLTO", message: "huoltokatko"))) }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL, maxAttempts: 3))
        do {
            _ = try await client.logKey(on: CivilDate(year: 2026, month: 11, day: 26)!)
            Issue.record("503s did not fail")
        } catch let error as VTJClientError {
            #expect(error.isTransient)
            #expect(error.status == 503)
            #expect(error.serverMessage == "HUOLTO: huoltokatko")
            #expect(error.description.contains("after 3 attempts"))
        }
        #expect(responder.requests.count == 3)
        #expect(responder.requests.allSatisfy { $0.method == "GET" && $0.path == "/api/v1/kirjausavain/2026-11-26" })
    }

    @Test("connection refused is transient and retried")
    func connectionRefused() async throws {
        // Held, not released: a released port was once taken by another test's sandbox during the retries.
        let refusing = try LoopbackSocket.refusingPort()
        defer { close(refusing.descriptor) }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration("http://127.0.0.1:\(refusing.port)/api/v1", maxAttempts: 3))
        do {
            _ = try await client.logKey(on: CivilDate(year: 2026, month: 1, day: 1)!)
            Issue.record("a closed port answered")
        } catch let error as VTJClientError {
            #expect(error.isTransient)
            guard case .unavailable(_, let attempts, .transport(.connect, _), _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(attempts == 3)
        }
    }

    @Test("logs carry request ids but never a full hetu or the password")
    func logHygiene() async throws {
        let asked = TestHetu.distinct(12)
        let replies = ReplyScript([.init(status: 500)])
        let responder = try LoopbackResponder { seen in replies.next() ?? Self.echoPersons(missing: [asked[0].value])(seen) }
        defer { responder.stop() }
        let logs = LogCapture()
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL, maxHetusPerMessage: 5),
                                            logger: logs.logger())
        let report = try await client.basicData(hetus: asked) { _ in }
        #expect(report.notFound == [asked[0].value])
        let text = logs.all.joined(separator: "\n")
        #expect(text.contains("vtj.request-id="))
        #expect(text.contains("vtj.operation=perustiedot"))
        for hetu in asked { #expect(!text.contains(hetu.value)) }
        #expect(!text.contains(ClientTestData.password))
        #expect(!text.contains("\(ClientTestData.user):"))
    }

    @Test("a configuration that cannot work is refused before sending", arguments: [
        "ftp://example.invalid/api/v1", "http://kunta:salasana@127.0.0.1:1/api/v1", "127.0.0.1/api/v1",
    ])
    func badConfiguration(base: String) {
        #expect(throws: VTJClientError.self) {
            _ = try VTJInterfaceClient(configuration: ClientTestData.configuration(base))
        }
        do {
            _ = try VTJInterfaceClient(configuration: ClientTestData.configuration(base))
        } catch {
            #expect(!error.description.contains("salasana"))
        }
    }

    @Test("printing credentials or the configuration never shows the password")
    func redaction() {
        let configuration = ClientTestData.configuration("http://127.0.0.1:1/api/v1")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in ["\(configuration)", "\(configuration.credentials)", String(reflecting: configuration.credentials), dumped] {
            #expect(!text.contains(ClientTestData.password))
        }
    }
}

/// Replies handed out once each, in order, before falling back to the normal handler.
final class ReplyScript: Sendable {
    private let replies: Mutex<[LoopbackResponder.Reply]>

    init(_ replies: [LoopbackResponder.Reply]) { self.replies = Mutex(replies) }

    func next() -> LoopbackResponder.Reply? {
        replies.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}
