import VTJClient
import VTJCore

extension DropConfiguration {
    /// The client settings the daemon uses (the same for `vtjdrop check`), for `baseURL` with `credentials`.
    package func clientConfiguration(baseURL: String, credentials: InterfaceCredentials, temporaryDirectory: String,
                                    retryPolicy: RetryPolicy = RetryPolicy(), municipalityCodes: [String]? = nil) -> VTJClientConfiguration {
        let settings = interface
        return VTJClientConfiguration(
            baseURL: baseURL,
            credentials: BasicCredentials(user: credentials.user, password: credentials.password.exposedForUse()),
            xRoadClient: settings.xRoadClient,
            tls: TLSOptions(clientCertificatePath: settings.clientCertificate, clientKeyPath: settings.clientKey,
                            caBundlePath: settings.caBundle),
            connectTimeout: settings.connectTimeout, requestTimeout: settings.totalTimeout,
            parallelism: settings.parallelism, retryPolicy: retryPolicy, temporaryDirectory: temporaryDirectory,
            wire: settings.wire, municipalityCodes: municipalityCodes ?? settings.municipalityCodes,
            maxResponseBytes: settings.maxResponseBytes, soap: soapSettings)
    }

    /// The SOAP wire's product and X-Road identifiers (the validator made sure they are there).
    var soapSettings: SOAPSettings? {
        let settings = interface
        guard settings.wire == .soap, let product = settings.soapProduct,
              let client = settings.xRoadClient.flatMap(XRoadClientID.init(path:)) else { return nil }
        return SOAPSettings(product: product, client: client, service: settings.xRoadService)
    }
}
