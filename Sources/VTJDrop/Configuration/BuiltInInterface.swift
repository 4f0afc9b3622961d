import Foundation

/// Where the built-in sandbox answers, handed to ``ApplianceHost`` by the command that started it.
///
/// The runtime library does not link the sandbox (a test server has no place in a production
/// binary's runtime): `demo`, `run` and `check` start it as a service beside the daemon and pass
/// its address here.
package struct BuiltInInterface: Sendable {
    /// The base URL for the configured wire (SOAP: the root; REST: `/api/v1`).
    package var url: String
    /// The sandbox's own user and password, which replace any configured credentials.
    package var credentials: InterfaceCredentials
    /// The municipality the sandbox is licensed for; the JSON wire must name one.
    package var licensedMunicipality: String

    package init(url: String, user: String, password: String, licensedMunicipality: String) {
        self.url = url
        credentials = InterfaceCredentials(user: user, password: Secret(password))
        self.licensedMunicipality = licensedMunicipality
    }
}
