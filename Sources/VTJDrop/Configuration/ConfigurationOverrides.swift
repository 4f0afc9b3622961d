/// Command-line flags that override the configuration file (`--config`, `--inbox`, `--outbox`, `--state`, `--vtj-url`, `--wire`).
public struct ConfigurationOverrides: Sendable, Hashable {
    /// `--config FILE`; nil falls back to `VTJDROP_CONFIG`, then to the built-in defaults.
    public var configFile: String?
    /// `--inbox DIR`.
    public var inbox: String?
    /// `--outbox DIR`.
    public var outbox: String?
    /// `--state DIR`.
    public var state: String?
    /// `--vtj-url URL`.
    public var vtjURL: String?
    /// `--wire xml|json|soap` (`vtj.wire`).
    public var wire: String?
    /// `vtj.soap_product` (the demo's SOAP run).
    public var soapProduct: String?
    /// `vtj.x_road_client` (the demo's SOAP run).
    public var xRoadClient: String?

    /// Overrides; nil leaves the file's (or default) value in place.
    public init(configFile: String? = nil, inbox: String? = nil, outbox: String? = nil,
                state: String? = nil, vtjURL: String? = nil, wire: String? = nil, soapProduct: String? = nil,
                xRoadClient: String? = nil) {
        self.configFile = configFile
        self.inbox = inbox
        self.outbox = outbox
        self.state = state
        self.vtjURL = vtjURL
        self.wire = wire
        self.soapProduct = soapProduct
        self.xRoadClient = xRoadClient
    }
}
