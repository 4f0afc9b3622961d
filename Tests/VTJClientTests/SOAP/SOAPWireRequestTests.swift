import Foundation
import Testing
@testable import VTJClient
import VTJCore
import VTJXML

/// What goes on the wire (vtj-soap-kysely.md §2, §3): a POST to the security server's endpoint as
/// configured, the SOAP 1.1 headers and nothing else, the X-Road headers and the request fields
/// in the body, a new message id for every attempt.
@Suite("SOAP wire: the request", .serialized) struct SOAPWireRequestTests {
    @Test("POST to the URL as written, text/xml and SOAPAction \"\", no HTTP authentication, no X-Road-Client header")
    func transport() async throws {
        let responder = try LoopbackResponder { seen in SOAPTest.answer(seen, person: SOAPTest.person(SOAPTest.query(seen).hetu ?? "")) }
        defer { responder.stop() }
        let url = "http://127.0.0.1:\(responder.port)/cgi-bin/consumer_proxy/"
        let client = try SOAPTest.client(url)
        let hetu = TestHetu.distinct(1)[0]
        let persons = Collected<Person>()
        try await VTJLogContext.$metadata.withValue(["department": "sivistys", "request": "oppilaat.20261206T101500Z-k3x9q"]) {
            _ = try await client.basicData(hetus: [hetu]) { persons.append($0) }
        }
        #expect(persons.all.map(\.hetu) == [hetu.value])
        let seen = try #require(responder.requests.first)
        #expect(seen.method == "POST" && seen.path == "/cgi-bin/consumer_proxy/", "the endpoint exactly as configured")
        #expect(seen.header("Content-Type") == "text/xml; charset=utf-8" && seen.header("SOAPAction") == "\"\"")
        #expect(seen.header("Authorization") == nil && seen.header("X-Road-Client") == nil)
        let query = SOAPTest.query(seen)
        #expect(query.messageID == seen.header("X-Request-Id"), "xrd:id is the request id the logs name")
        #expect(query.client?.description == "FI-TEST/MUN/0123456-7/vtjdrop")
        #expect(query.service?.description == "FI-TEST/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1")
        #expect(query.userID == "vtjdrop/sivistys" && query.endUser == "vtjdrop/sivistys")
        #expect(query.issue == "oppilaat.20261206T101500Z-k3x9q" && query.protocolVersion == "4.0")
        #expect(query.product == "PERUSSANOMA 3" && query.user == "kunta" && query.password == "salasana")
        #expect(query.operation == "HenkilonTunnusKysely" && query.hetu == hetu.value)
    }

    @Test("x_road_service overrides the service header; without a caller the end user is still never empty")
    func serviceOverride() async throws {
        let responder = try LoopbackResponder { seen in SOAPTest.answer(seen) }
        defer { responder.stop() }
        let service = try #require(XRoadServiceID(path: "FI/GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v2"))
        let client = try SOAPTest.client(responder.baseURL, settings: SOAPSettings(product: "Perussanoma 3", client: SOAPTest.settings.client, service: service))
        _ = try await client.basicData(hetus: TestHetu.distinct(1)) { _ in }
        let query = SOAPTest.query(try #require(responder.requests.first))
        #expect(query.service == service && query.product == "Perussanoma 3", "the product is sent verbatim")
        #expect(query.endUser == "vtjdrop/tarkistus" && query.issue == nil)
    }

    @Test("one message per henkilötunnus, duplicates asked once, every retry a new message id")
    func messagesAndRetries() async throws {
        let attempts = LockedCounter()
        let responder = try LoopbackResponder { seen in
            // Every first attempt of a henkilötunnus fails with a transient fault.
            let query = SOAPTest.query(seen)
            if attempts.first(query.hetu ?? "") { return SOAPTest.xml("", status: 503) }
            return SOAPTest.answer(seen, person: SOAPTest.person(query.hetu ?? ""))
        }
        defer { responder.stop() }
        let hetus = TestHetu.distinct(5)
        let report = try await SOAPTest.client(responder.baseURL, parallelism: 2).basicData(hetus: hetus + hetus.prefix(2)) { _ in }
        #expect(report.returned == 5 && report.messages == 5 && report.duplicatesDropped == 2 && report.notFound.isEmpty)
        let queries = responder.requests.map(SOAPTest.query)
        #expect(queries.count == 10)
        #expect(Set(queries.compactMap(\.messageID)).count == 10, "a retry is a new message with a new id")
        #expect(Dictionary(grouping: queries, by: { $0.hetu ?? "" }).values.allSatisfy { $0.count == 2 })
    }
}

/// Counts per key, thread-safe.
final class LockedCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// True the first time `key` is seen.
    func first(_ key: String) -> Bool {
        counts.withLock { counts in
            counts[key, default: 0] += 1
            return counts[key] == 1
        }
    }
}

import Synchronization
import VTJTestSupport
