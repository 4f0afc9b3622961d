import VTJCore

/// What `vtjdrop check` reports: the call made, how far it got, and the verdict.
public struct ConnectionReport: Sendable, Hashable {
    public var wire: WireKind
    /// The whole URL called (no credentials are ever part of it).
    public var url: String
    /// The `X-Road-Client` sent, when configured.
    public var xRoadClient: String?
    /// Whether the URL is https (the TLS phase applies).
    public var usesTLS: Bool
    /// libcurl's phase times and the address connected to.
    public var timing: HTTPTiming
    /// The HTTP status, when an answer came.
    public var status: Int?
    /// The answer's `Content-Type`, when an answer came.
    public var contentType: String?
    public var diagnosis: ConnectionDiagnosis

    public init(wire: WireKind, url: String, xRoadClient: String?, usesTLS: Bool, timing: HTTPTiming, status: Int?,
                contentType: String?, diagnosis: ConnectionDiagnosis) {
        self.wire = wire
        self.url = url
        self.xRoadClient = xRoadClient
        self.usesTLS = usesTLS
        self.timing = timing
        self.status = status
        self.contentType = contentType
        self.diagnosis = diagnosis
    }

    /// Whether a phase succeeded, failed, or was not reached (nil); TLS is "not used" on plain http.
    public func outcome(of phase: ConnectionPhase) -> Bool? {
        let phases = ConnectionPhase.allCases
        guard let failed = diagnosis.failedPhase else { return true }
        let failedIndex = phases.firstIndex(of: failed)!
        let index = phases.firstIndex(of: phase)!
        if index < failedIndex { return true }
        return index == failedIndex ? false : nil
    }
}
