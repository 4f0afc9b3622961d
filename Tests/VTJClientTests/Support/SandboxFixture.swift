import Foundation
import Testing
import VTJClient
import VTJCore
import VTJSandbox
import VTJTestSupport

/// Starts an in-process sandbox on an ephemeral loopback port and makes clients for it.
enum SandboxFixture {
    static let day = CivilDate(year: 2026, month: 11, day: 20)!
    static let defaultConfiguration = SandboxConfiguration(population: 600, seed: 7, referenceDate: day)

    /// A running sandbox for one test; stopped by `body`'s end.
    static func withSandbox<T>(
        _ configuration: SandboxConfiguration = defaultConfiguration,
        _ body: (SandboxServer, String) async throws -> T
    ) async throws -> T {
        try await withRunningSandbox(configuration) { server, _ in try await body(server, try #require(server.baseURL)) }
    }

    static func client(_ base: String, parallelism: Int = 4, maxHetusPerMessage: Int = 1000, maxAttempts: Int = 6,
                       sleeper: RecordingSleeper? = nil, password: String = "salasana",
                       wire: WireKind = .xml) throws -> VTJInterfaceClient {
        var configuration = ClientTestData.configuration(base, parallelism: parallelism, maxAttempts: maxAttempts,
                                                         maxHetusPerMessage: maxHetusPerMessage)
        configuration.wire = wire
        configuration.credentials = BasicCredentials(user: "kunta", password: password)
        if let sleeper { return try VTJInterfaceClient(configuration: configuration, sleeper: sleeper.sleeper) }
        return try VTJInterfaceClient(configuration: configuration)
    }
}

/// Pages handed to the caller, in order.
actor PageLog {
    private(set) var pages: [ChangesPage] = []
    func add(_ page: ChangesPage) { pages.append(page) }
}
