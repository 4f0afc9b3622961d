/// User name and password for HTTP Basic; printing, dumping or logging it never shows the password.
public struct BasicCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public let user: String
    public let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String { "BasicCredentials(user: <redacted>, password: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// TLS material for an https base URL; every path is a PEM file.
public struct TLSOptions: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// Client certificate (the interface authenticates the security server's client by it).
    public var clientCertificatePath: String?
    /// Private key of the client certificate.
    public var clientKeyPath: String?
    /// Passphrase of an encrypted key (never printed).
    public var clientKeyPassword: String?
    /// CA bundle to trust instead of the system's (the interface's CA is not in OS bundles).
    public var caBundlePath: String?

    public init(
        clientCertificatePath: String? = nil, clientKeyPath: String? = nil,
        clientKeyPassword: String? = nil, caBundlePath: String? = nil
    ) {
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.clientKeyPassword = clientKeyPassword
        self.caBundlePath = caBundlePath
    }

    public var description: String {
        "TLSOptions(certificate: \(clientCertificatePath ?? "none"), key: \(clientKeyPath ?? "none"), "
            + "CA bundle: \(caBundlePath ?? "system"))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "clientCertificatePath": clientCertificatePath as Any, "clientKeyPath": clientKeyPath as Any,
            "clientKeyPassword": clientKeyPassword == nil ? "none" : "<redacted>", "caBundlePath": caBundlePath as Any,
        ], displayStyle: .struct)
    }
}
