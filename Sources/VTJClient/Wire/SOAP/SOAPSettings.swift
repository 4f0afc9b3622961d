import VTJCore

/// What the SOAP wire needs besides the URL and credentials (`vtj.soap_product`,
/// `vtj.x_road_client`, `vtj.x_road_service`).
public struct SOAPSettings: Sendable, Hashable, CustomStringConvertible {
    /// `SoSoNimi`, sent verbatim (`PERUSSANOMA 3`).
    public var product: String
    /// The mandatory `xrd:client` header.
    public var client: XRoadClientID
    /// The `xrd:service` header: DVV's `HenkilonTunnusKysely` in the client's instance unless overridden.
    public var service: XRoadServiceID

    public init(product: String, client: XRoadClientID, service: XRoadServiceID? = nil) {
        self.product = product
        self.client = client
        self.service = service ?? .dvvQuery(instance: client.instance)
    }

    public var description: String { "SOAPSettings(product: \(product), client: \(client), service: \(service))" }

    /// The test henkilötunnus the probe asks about (individual number 999: never a real person).
    public static let probeHetu: String = {
        let datePart = "010101"
        return datePart + "A999" + String(Henkilotunnus.checkCharacter(datePart: datePart, individualNumber: 999))
    }()
}
