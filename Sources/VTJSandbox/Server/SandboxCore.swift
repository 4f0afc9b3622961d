import Foundation
import Synchronization
import VTJCore

/// State shared by the responder and the server handle: registry, faults, counters, credentials.
final class SandboxCore: Sendable {
    let configuration: SandboxConfiguration
    let registry: SandboxRegistry
    let faults: FaultInjector
    let counters = CounterStore()
    /// The SOAP wire's own faults (return codes, answers about someone else).
    let soapFaults: SOAPFaultInjector
    private let expectedAuthorization: Mutex<String>
    /// The same credentials as the SOAP wire carries them (in the body), for comparison.
    private let soapCredentials: Mutex<(user: String, password: String)>

    init(configuration: SandboxConfiguration, registry: SandboxRegistry) {
        self.configuration = configuration
        self.registry = registry
        self.faults = FaultInjector(faults: configuration.faults, seed: configuration.seed)
        self.soapFaults = SOAPFaultInjector(faults: configuration.soapFaults, seed: configuration.seed)
        self.expectedAuthorization = Mutex(SandboxCore.authorization(user: configuration.user, password: configuration.password))
        self.soapCredentials = Mutex((configuration.user, configuration.password))
    }

    /// The `Authorization` header value the API accepts.
    static func authorization(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    func setCredentials(user: String, password: String) {
        expectedAuthorization.withLock { $0 = SandboxCore.authorization(user: user, password: password) }
        soapCredentials.withLock { $0 = (user, password) }
    }

    /// Whether a SOAP message's user name (and, unless nil, password) are the expected ones;
    /// compared without an early exit.
    func credentialsMatch(user: String, password: String?) -> Bool {
        let expected = soapCredentials.withLock { $0 }
        let userMatches = SandboxCore.same(user, expected.user)
        guard let password else { return userMatches }
        return SandboxCore.same(password, expected.password) && userMatches
    }

    private static func same(_ given: String, _ expected: String) -> Bool {
        let a = Array(expected.utf8), b = Array(given.utf8)
        var difference = a.count ^ b.count
        for i in 0..<a.count { difference |= Int(a[i] ^ (i < b.count ? b[i] : 0)) }
        return difference == 0
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

extension SandboxCore {
    /// The shared faults' decision for one API request (either wire), after its injected latency.
    func injectedFault() async throws -> FaultInjector.Action {
        let decision = faults.decide()
        if decision.latencyMs > 0 {
            counters.fault("latency")
            try await Task.sleep(for: .milliseconds(decision.latencyMs))
        }
        return decision.action
    }
}
