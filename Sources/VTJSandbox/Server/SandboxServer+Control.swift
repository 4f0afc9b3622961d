import VTJCore

extension SandboxServer {
    /// The faults in force now.
    public var faults: SandboxFaults { core.faults.faults }

    /// Replaces the faults (takes effect with the next request).
    public func setFaults(_ faults: SandboxFaults) { core.faults.set(faults) }

    /// Replaces the SOAP wire's own faults (return codes, answers about someone else).
    public func setSOAPFaults(_ faults: SandboxSOAPFaults) { core.soapFaults.set(faults) }

    /// Changes some faults: `server.updateFaults { $0.rateLimitNext = 2 }`.
    public func updateFaults(_ body: (inout SandboxFaults) -> Void) { core.faults.update(body) }

    /// Changes the accepted credentials; requests with the old ones get 401 from now on.
    public func setCredentials(user: String, password: String) { core.setCredentials(user: user, password: password) }

    /// What has been served so far.
    public var counters: SandboxCounters { core.counters.snapshot }

    /// Sets every counter back to zero.
    public func resetCounters() { core.counters.reset() }

    /// Moves the hidden clock forward, generating each day's changes.
    @discardableResult
    public func advance(days: Int) -> CivilDate { registry.advance(days: days) }
}
