import Foundation
import Logging
import Synchronization
import VTJClient
import VTJCore
import VTJXML

/// Test persons, fixtures and client set-up shared by the client suites.
enum ClientTestData {
    static let user = "kunta"
    static let password = "salasana-\u{00E4}-9f3"

    static func person(_ hetu: String) -> Person {
        Person(hetu: hetu, records: [
            Record(group: .henkilonNimi, fields: [.text("etunimi", "Äijä-Öörni"), .text("sukunimi", "O'Brien Åberg")]),
        ])
    }

    /// A `perustiedotVastaus` with one person per hetu.
    static func perustiedotBody(_ hetus: [String], upToDate: Bool = true, continuation: String? = nil) -> [UInt8] {
        ResponseXML.perustiedot(hetus.map(person), page: PerustiedotPageInfo(upToDate: upToDate, continuation: continuation))
    }

    /// The hetus asked for in a `perustiedotPyynto`.
    static func askedHetus(_ body: [UInt8]) -> [String] {
        guard case .perustiedot(let request)? = try? MessageXML.read(body, documentName: "request"),
              case .hetulista(let list) = request.restriction
        else { return [] }
        return list
    }

    static func configuration(
        _ baseURL: String, parallelism: Int = 4, maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(20),
        maxHetusPerMessage: Int = 1000, requestTimeout: Duration = .seconds(20)
    ) -> VTJClientConfiguration {
        VTJClientConfiguration(
            baseURL: baseURL,
            credentials: BasicCredentials(user: user, password: password),
            xRoadClient: "FI/GOV/0000000-0/vtjdrop-test",
            connectTimeout: .seconds(2),
            requestTimeout: requestTimeout,
            parallelism: parallelism,
            retryPolicy: RetryPolicy(maxAttempts: maxAttempts, initialDelay: initialDelay, maxDelay: .milliseconds(200),
                                     maxRetryAfter: .seconds(5)),
            maxHetusPerMessage: maxHetusPerMessage,
            temporaryDirectory: NSTemporaryDirectory())
    }
}

/// Remembers each wait the client asks for, and returns at once: the rule's time is what the test
/// reads (`recorded`), not what a clock measured, so no test waits a Retry-After for real.
final class RecordingSleeper: Sendable {
    private let waits = Mutex<[Duration]>([])

    var recorded: [Duration] { waits.withLock { $0 } }

    var sleeper: VTJInterfaceClient.Sleeper {
        { [self] duration in
            waits.withLock { $0.append(duration) }
            try Task.checkCancellation()
            await Task.yield()
        }
    }
}

/// Thread-safe list for persons handed over on worker threads.
final class Collected<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    var all: [Element] { items.withLock { $0 } }
    func append(_ item: Element) { items.withLock { $0.append(item) } }
}
