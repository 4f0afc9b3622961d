/// Command-line flags that override the configuration file (`--config`, `--inbox`, `--outbox`, `--state`, `--vtj-url`, `--wire`).
package struct ConfigurationOverrides: Sendable, Hashable {
    /// `--config FILE`; nil falls back to `VTJDROP_CONFIG`, then to the built-in defaults.
    package var configFile: String?
    /// `--inbox DIR`.
    package var inbox: String?
    /// `--outbox DIR`.
    package var outbox: String?
    /// `--state DIR`.
    package var state: String?
    /// `--vtj-url URL`.
    package var vtjURL: String?
    /// `--wire xml|json|soap` (`vtj.wire`).
    package var wire: String?
    /// `vtj.soap_product` (the demo's SOAP run).
    package var soapProduct: String?
    /// `vtj.x_road_client` (the demo's SOAP run).
    package var xRoadClient: String?

    /// Overrides; nil leaves the file's (or default) value in place.
    package init(configFile: String? = nil, inbox: String? = nil, outbox: String? = nil,
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
