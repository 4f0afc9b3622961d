import Testing
import VTJClient
import VTJCore
import VTJXML
import VTJTestSupport

/// Paging that would never end, and callers that fail: the client stops instead of looping or retrying.
@Suite("Paging guards and caller errors")
struct ClientPagingGuardTests {
    struct CallerStop: Error, Equatable {}

    @Test("a jatkoavain that repeats ends the delivery with the request id")
    func repeatedContinuation() async throws {
        let body = ClientTestData.perustiedotBody(["010594Y9032"], upToDate: false, continuation: "S1")
        let responder = try LoopbackResponder { _ in .init(status: 200, body: body) }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL))
        do {
            _ = try await client.municipalBasicData { _ in }
            Issue.record("an endless delivery ended normally")
        } catch let error as VTJClientError {
            guard case .unexpectedResponse(.municipalBasicData, _, let id) = error else { Issue.record("unexpected \(error)"); return }
            #expect(responder.requests.last?.header("X-Request-Id") == id)
            #expect(error.isPermanent)
        }
        #expect(responder.requests.count == 2)
    }

    @Test("a log key that does not advance while ajanTasalla is false ends the walk")
    func stuckLogKey() async throws {
        let body = ResponseXML.muutokset([], page: MuutoksetPageInfo(logKey: 5_000_000_000, upToDate: false))
        let responder = try LoopbackResponder { _ in .init(status: 200, body: body) }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL))
        let pages = PageLog()
        await #expect(throws: VTJClientError.self) {
            try await client.changes(after: 5_000_000_000, restriction: .kuntarajaus([])) { await pages.add($0) }
        }
        #expect(await pages.pages.isEmpty)
        #expect(responder.requests.count == 1)
    }

    @Test("an error thrown by onPerson ends the operation at once and is rethrown as is")
    func callerErrorPerson() async throws {
        let responder = try LoopbackResponder { seen in
            .init(status: 200, body: ClientTestData.perustiedotBody(ClientTestData.askedHetus(seen.body)))
        }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL, parallelism: 1))
        await #expect(throws: CallerStop.self) {
            _ = try await client.basicData(hetus: TestHetu.distinct(30)) { _ in throw CallerStop() }
        }
        #expect(responder.requests.count == 1)
        #expect(client.statistics.retries == 0)
    }

    @Test("an error thrown by onPage stops paging before the next page")
    func callerErrorPage() async throws {
        let responder = try LoopbackResponder { seen in
            let key: Int64
            if case .muutokset(let request)? = try? MessageXML.read(seen.body, documentName: "request") {
                key = request.logKey + 10
            } else {
                key = 0
            }
            return .init(status: 200, body: ResponseXML.muutokset([], page: MuutoksetPageInfo(logKey: key, upToDate: false)))
        }
        defer { responder.stop() }
        let client = try VTJInterfaceClient(configuration: ClientTestData.configuration(responder.baseURL))
        let pages = PageLog()
        await #expect(throws: CallerStop.self) {
            try await client.changes(after: 100, restriction: .kuntarajaus([])) { page in
                await pages.add(page)
                if page.number == 3 { throw CallerStop() }
            }
        }
        #expect(await pages.pages.map(\.logKey) == [110, 120, 130])
        #expect(responder.requests.count == 3)
    }
}
