import VTJCore

/// Everything a sandbox server is started with; every field has a default.
public struct SandboxConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host: String
    /// TCP port; 0 = an ephemeral port chosen by the system (read it from ``SandboxServer/port``).
    public var port: Int
    /// Number of generated persons.
    public var population: Int
    /// Seed of the population, its changes and the fault shares.
    public var seed: UInt64
    /// The day the population describes; nil = today (UTC) when the server is created.
    public var referenceDate: CivilDate?
    /// The municipality the credentials are licensed for (`kuntarajaus`).
    public var licensedMunicipality: String
    /// Basic-auth user name and password the API accepts (changeable at run time).
    public var user: String
    /// Never logged or printed.
    public var password: String
    /// Send real data for persons under turvakielto instead of the interface's placeholders.
    public var uncensored: Bool
    /// Persons per page of a municipal basic-data delivery.
    public var pageSize: Int
    /// `muutos` entries per page of `/muutokset`.
    public var changesPageSize: Int
    /// Days of change history generated before serving (the clock starts that many days earlier).
    public var historyDays: Int
    /// Changes per simulated day; nil = one per 400 persons, at least 4.
    public var changesPerDay: Int?
    /// Advance the hidden clock one day every this many seconds while serving (nil = only when asked).
    public var secondsPerDay: Double?
    /// The log key before the first change.
    public var baseKey: Int64
    /// Faults from the start (changeable at run time).
    public var faults: SandboxFaults
    /// Serve `/admin/…` (faults, credentials, clock, counters). Loopback test tooling only.
    public var adminEnabled: Bool
    /// The wire of a request that does not say (a GET without `Accept`, a POST without
    /// `Content-Type`); requests that say are answered in their own wire either way. SOAP is
    /// always served at `/` (``SandboxServer/soapURL``); `.soap` here makes REST requests XML.
    public var wire: WireKind
    /// The SOAP wire's own faults from the start (changeable at run time, `/admin/soap-faults`).
    public var soapFaults: SandboxSOAPFaults

    /// Every parameter defaults to the `vtjdrop sandbox` defaults (except `port` 0 and no history).
    public init(
        host: String = "127.0.0.1", port: Int = 0, population: Int = 3000, seed: UInt64 = 1,
        referenceDate: CivilDate? = nil, licensedMunicipality: String = "091",
        user: String = "kunta", password: String = "salasana", uncensored: Bool = false,
        pageSize: Int = 500, changesPageSize: Int = 200, historyDays: Int = 0, changesPerDay: Int? = nil,
        secondsPerDay: Double? = nil, baseKey: Int64 = 5_446_623_423, faults: SandboxFaults = SandboxFaults(), adminEnabled: Bool = true,
        wire: WireKind = .xml, soapFaults: SandboxSOAPFaults = SandboxSOAPFaults()
    ) {
        self.host = host
        self.port = port
        self.population = population
        self.seed = seed
        self.referenceDate = referenceDate
        self.licensedMunicipality = licensedMunicipality
        self.user = user
        self.password = password
        self.uncensored = uncensored
        self.pageSize = pageSize
        self.changesPageSize = changesPageSize
        self.historyDays = historyDays
        self.changesPerDay = changesPerDay
        self.secondsPerDay = secondsPerDay
        self.baseKey = baseKey
        self.faults = faults
        self.adminEnabled = adminEnabled
        self.wire = wire
        self.soapFaults = soapFaults
    }
}
