import VTJCore

/// What one operation asks of the interface, before any encoding.
enum WireCall: Sendable {
    /// `kirjausavain`: the log key at the start of a day.
    case logKey(CivilDate)
    /// `perustiedot` by henkilötunnus (one message of at most ``InterfaceWire/maxHetusPerMessage``).
    case basicData(hetus: [String], groups: [GroupName]?)
    /// One page of a municipal snapshot (`kuntarajaus`), continued by `jatkoavain`.
    case municipalBasicData(codes: [String], groups: [GroupName]?, continuation: String?)
    /// One page of `muutokset` after a log key.
    case changes(MuutoksetMessage)
    /// The wire's one harmless call (a start-up probe, `vtjdrop check`): today's `kirjausavain` on
    /// the REST wires, a query for a fixed test henkilötunnus on the SOAP wire.
    case probe(CivilDate)
}

/// What one attempt adds to a message: the SOAP wire carries these inside its body, where the
/// REST wires send them as HTTP headers and Basic authentication.
struct WireAttempt: Sendable {
    /// The attempt's request id (`X-Request-Id`; the SOAP wire's `xrd:id`): new for every attempt.
    let messageID: String
    /// The credentials in use now.
    let credentials: BasicCredentials
    /// The department the call is for, from ``VTJLogContext`` (nil for probes and checks).
    let department: String?
    /// The drop's request id, from ``VTJLogContext`` (nil for probes and checks).
    let dropRequest: String?
}

/// What an answer to a henkilötunnus message said besides its persons.
struct HetuAnswer: Sendable {
    /// `ajanTasalla` (REST); always true on the SOAP wire.
    var upToDate = true
    /// Asked persons answered without their data (the SOAP wire's return codes).
    var undelivered: [UndeliveredPerson] = []
    /// An asked henkilötunnus that is passive, and the active one the answer named instead.
    var redirects: [(asked: String, active: String)] = []
    /// The groups the answer carried, empty or not; nil when the wire delivers whatever is asked.
    var carriedGroups: Set<GroupName>?
    /// Persons whose answer carried whereabouts but no ban flag (held as protected, vtj-soap-kysely.md §7.2).
    var withoutBanFlag = 0
}

/// What the probe's answer said, for the check's report.
enum ProbeAnswer: Sendable {
    /// `kirjausavain`.
    case logKey(Int64)
    /// The SOAP wire's test query, in words (`not found (0001), product PERUSSANOMA 3`).
    case query(String)
}

/// An answer that is itself the interface's refusal or fault (a SOAP Fault or a return code that
/// arrive with status 200): the reader throws it, and the client treats it as that attempt's outcome.
struct WireAnswerFailure: Error {
    let outcome: AttemptOutcome
}

extension WireCall {
    /// Henkilötunnus the message carries (progress and metrics count them).
    var hetuCount: Int {
        if case .basicData(let hetus, _) = self { return hetus.count }
        return 0
    }
}

/// One HTTP exchange as a wire encodes it; the client adds what every call carries (request id,
/// X-Road client, credentials, TLS, timeouts).
struct WireRequest: Sendable {
    var method: String
    /// Appended to the base URL (`/perustiedot`; empty when the URL itself is the endpoint).
    var path: String
    var body: [UInt8]
    /// The wire's own headers: `Accept`, `Content-Type`, and whatever else it needs.
    var headers: [(String, String)]
}

/// The one seam between the client and an encoding of the interface (the XML profile, DVV's JSON,
/// a later SOAP wire). A wire owns everything that differs between encodings: which operations it
/// can serve, how many henkilötunnus one message may carry, paths, methods and headers, request
/// bodies, the content type it answers with, reading answers into ``Person``/``Change`` values,
/// and what an error answer says. Planning, retries, paging, disclosure and everything after are
/// the same code for every wire.
protocol InterfaceWire: Sendable {
    var kind: WireKind { get }

    /// Most henkilötunnus one message may carry.
    var maxHetusPerMessage: Int { get }

    /// Whether the wire can serve `operation` at all.
    func supports(_ operation: VTJOperation) -> Bool

    /// The HTTP exchange for `call`; throws ``VTJClientError/invalidRequest(_:)`` when the wire
    /// cannot express it.
    func request(for call: WireCall) throws(VTJClientError) -> WireRequest

    /// The exchange for one attempt of `call` (default: ``request(for:)``, the same every time).
    /// The SOAP wire writes the attempt's message id and the credentials into the body.
    func request(for call: WireCall, attempt: WireAttempt) throws(VTJClientError) -> WireRequest

    /// Whether the credentials travel inside the body (SOAP) instead of as HTTP Basic.
    var credentialsInBody: Bool { get }

    /// The operation the probe call counts as, in logs and errors.
    var probeOperation: VTJOperation { get }

    /// Every group the wire can deliver at all; nil when it delivers whatever it is asked for.
    var deliverableGroups: Set<GroupName>? { get }

    /// Why a 2xx answer's `Content-Type` is not this wire's (nil when it is); such a body is
    /// treated like a cut one, never parsed as something it is not.
    func contentTypeProblem(_ contentType: String?) -> String?

    /// Reads a basic-data page, handing each person on as soon as it is read.
    func readPerustiedot(_ body: ResponseBody, onPerson: (Person) throws -> Void) throws -> PerustiedotPageInfo

    /// Reads a change page, handing each entry on as soon as it is read.
    func readMuutokset(_ body: ResponseBody, onChange: (Change) throws -> Void) throws -> MuutoksetPageInfo

    /// Reads a `kirjausavain` answer.
    func readLogKey(_ body: ResponseBody) throws -> Int64

    /// Reads the answer to a henkilötunnus message, handing each person on as soon as it is read
    /// (default: ``readPerustiedot(_:onPerson:)``; only the SOAP wire answers persons without data).
    func readHetuAnswer(_ body: ResponseBody, asked: [String], onPerson: (Person) throws -> Void) throws -> HetuAnswer

    /// Reads the probe's answer (default: the log key).
    func readProbe(_ body: ResponseBody) throws -> ProbeAnswer

    /// What a non-2xx body says, short and with henkilötunnus masked (never a raw dump); nil when nothing usable.
    func errorDetail(status: Int, body: [UInt8]) -> InterfaceErrorBody?

    /// A security server's fault in the answer, if it is one. REST wires read the `X-Road-Error`
    /// header; a SOAP wire reads a SOAP fault, which comes with status 200.
    func fault(status: Int, headers: HTTPResponseHead, body: () -> [UInt8]) -> XRoadFault?
}

extension InterfaceWire {
    func request(for call: WireCall, attempt: WireAttempt) throws(VTJClientError) -> WireRequest {
        try request(for: call)
    }

    var credentialsInBody: Bool { false }

    var probeOperation: VTJOperation { .logKey }

    var deliverableGroups: Set<GroupName>? { nil }

    func readHetuAnswer(_ body: ResponseBody, asked: [String], onPerson: (Person) throws -> Void) throws -> HetuAnswer {
        HetuAnswer(upToDate: try readPerustiedot(body, onPerson: onPerson).upToDate)
    }

    func readProbe(_ body: ResponseBody) throws -> ProbeAnswer { .logKey(try readLogKey(body)) }

    /// X-Road's REST protocol: a security server's own error carries `X-Road-Error: <type>`
    /// (section 4.6); DVV's answers never do.
    func fault(status: Int, headers: HTTPResponseHead, body: () -> [UInt8]) -> XRoadFault? {
        guard let type = headers.header("X-Road-Error"), !type.isEmpty else { return nil }
        return XRoadFault(type: type, status: status)
    }

    /// A masked, one-line excerpt of an error body that is not the wire's own error shape.
    static func excerpt(_ body: [UInt8], limit: Int = 160) -> String? {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
            .map { $0.isNewline || $0 == "\t" ? " " : $0 }
            .filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }
        let collapsed = String(text).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard !collapsed.isEmpty else { return nil }
        let short = collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
        return DropFileName.maskingHetus(in: short)
    }
}

/// `type/subtype` of a `Content-Type` header, lower-cased, parameters dropped.
func mediaType(_ contentType: String?) -> String? {
    guard let contentType else { return nil }
    let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingBlanks().lowercased() } ?? ""
    return type.isEmpty ? nil : type
}

/// Whether a media type is JSON (`application/json`, or any `…+json`).
func isJSONMediaType(_ type: String?) -> Bool {
    guard let type else { return false }
    return type == "application/json" || type.hasSuffix("+json")
}

/// Whether a media type is XML (`application/xml`, `text/xml`, or any `…+xml`).
func isXMLMediaType(_ type: String?) -> Bool {
    guard let type else { return false }
    return type == "application/xml" || type == "text/xml" || type.hasSuffix("+xml")
}
