import Foundation
import Synchronization
import VTJCore

/// State shared by the responder and the server handle: registry, faults, counters, credentials.
final class SandboxCore: Sendable {
    let configuration: SandboxConfiguration
    let registry: SandboxRegistry
    let faults: FaultInjector
    let counters = CounterStore()
    private let expectedAuthorization: Mutex<String>

    init(configuration: SandboxConfiguration, registry: SandboxRegistry) {
        self.configuration = configuration
        self.registry = registry
        self.faults = FaultInjector(faults: configuration.faults, seed: configuration.seed)
        self.expectedAuthorization = Mutex(SandboxCore.authorization(user: configuration.user, password: configuration.password))
    }

    /// The `Authorization` header value the API accepts.
    static func authorization(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    func setCredentials(user: String, password: String) {
        expectedAuthorization.withLock { $0 = SandboxCore.authorization(user: user, password: password) }
    }

    /// Compares without an early exit, so timing does not reveal how much matched.
    func isAuthorized(_ header: String?) -> Bool {
        let expected = Array(expectedAuthorization.withLock { $0 }.utf8)
        let given = Array((header ?? "").utf8)
        var difference = expected.count ^ given.count
        for i in 0..<expected.count { difference |= Int(expected[i] ^ (i < given.count ? given[i] : 0)) }
        return difference == 0
    }
}
