import Logging
import VTJClient
import VTJCore

/// The one harmless call that tells whether the interface serves the appliance: today's
/// `kirjausavain`, which names no person and changes nothing (on the SOAP wire, which has no log
/// keys, a query for a fixed test henkilötunnus: the wire's own harmless call).
///
/// The password is read again from its file before every probe, so an operator who fixes the
/// file needs no restart. The client's own log lines are silenced for the probe: the runner logs
/// once per change of ``InterfaceCondition``, not once per probe.
package struct InterfaceProbe: Sendable {
    package let appliance: Appliance

    package init(appliance: Appliance) { self.appliance = appliance }

    /// Makes the call and classifies the outcome.
    package func check() async -> InterfaceCondition {
        appliance.reloadCredentials()
        do {
            try await VTJLogContext.$quiet.withValue(true) {
                try await appliance.client.probe(on: appliance.today)
            }
            return .answering
        } catch let error as VTJClientError {
            return InterfaceCondition(error)
        } catch {
            return .unreachable(detail: "\(error)")
        }
    }
}
