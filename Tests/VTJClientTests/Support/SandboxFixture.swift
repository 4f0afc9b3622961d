import Foundation
import Testing
import VTJClient
import VTJCore
import VTJSandbox

/// Starts an in-process sandbox on an ephemeral loopback port and makes clients for it.
enum SandboxFixture {
    static let day = CivilDate(year: 2026, month: 11, day: 20)!
    static let defaultConfiguration = SandboxConfiguration(population: 600, seed: 7, referenceDate: day)

    /// A running sandbox for one test; stopped by `body`'s end.
    static func withSandbox<T>(
        _ configuration: SandboxConfiguration = defaultConfiguration,
        _ body: (SandboxServer, String) async throws -> T
    ) async throws -> T {
        let server = SandboxServer(configuration: configuration)
        try await server.start()
        do {
            let base = try #require(server.baseURL)
            let result = try await body(server, base)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    static func client(_ base: String, parallelism: Int = 4, maxHetusPerMessage: Int = 1000, maxAttempts: Int = 6,
                       sleeper: RecordingSleeper? = nil, password: String = "salasana") throws -> VTJInterfaceClient {
        var configuration = ClientTestData.configuration(base, parallelism: parallelism, maxAttempts: maxAttempts,
                                                         maxHetusPerMessage: maxHetusPerMessage)
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
