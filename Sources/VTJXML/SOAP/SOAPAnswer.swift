import VTJCore

/// What one answer of the SOAP query interface said (vtj-soap-kysely.md §4, §8), read by
/// ``SOAPAnswerReader``: a SOAP Fault, a `faultCode`/`faultString` pair, or one answer document.
public struct SOAPAnswer: Sendable, Hashable {
    /// The answer's content.
    public enum Content: Sendable, Hashable {
        /// A SOAP Fault (X-Road's own errors, with HTTP 200): `faultcode` without any prefix, and `faultstring`.
        case fault(code: String, text: String)
        /// `response/faultCode` + `faultString`: read like a return code (§8.2).
        case faultPair(code: String, text: String)
        /// One `VTJHenkiloVastaussanoma`.
        case document(SOAPDocument)
    }

    /// `xrd:id` echoed in the answer's header, when there is one (trimmed).
    public var messageID: String?
    public var content: Content

    public init(messageID: String?, content: Content) {
        self.messageID = messageID
        self.content = content
    }
}

/// One `VTJHenkiloVastaussanoma`: the return code, the search criterion and the person, already
/// mapped onto the XML profile's groups and fields (§10).
public struct SOAPDocument: Sendable, Hashable {
    /// `sanomatunnus`: the product the answer was made for (`PERUSSANOMA 3`).
    public var product: String?
    /// `Paluukoodi/@koodi` (trimmed); nil when the document has none.
    public var returnCode: String?
    /// The `Paluukoodi` element's text (one line).
    public var returnText: String
    /// `Hakuperusteet/Henkilotunnus`, trimmed (real answers put a newline and blanks after it).
    public var queriedHetu: String?
    /// `Hakuperusteet/Henkilotunnus/@hakuperustePaluukoodi`: `0` not found, `1` found, `2` passive, …
    public var criterionCode: String?
    /// `Henkilo`, when the document has one: its `Henkilotunnus` (trimmed) and the mapped records.
    public var person: Person?
    /// `Henkilo/Henkilotunnus/@voimassaolokoodi`: `1` active, `2` passive.
    public var validity: String?
    /// Groups whose source elements the answer carried, empty or not: what the product delivers.
    /// A granted group outside this set is "not delivered by this interface", never "none".
    public var carriedGroups: Set<GroupName>
    /// Whether `Henkilo` had a `Turvakielto` element at all (absent: never read as "no ban").
    public var hasTurvakielto: Bool

    public init(product: String? = nil, returnCode: String? = nil, returnText: String = "", queriedHetu: String? = nil,
                criterionCode: String? = nil, person: Person? = nil, validity: String? = nil,
                carriedGroups: Set<GroupName> = [], hasTurvakielto: Bool = false) {
        self.product = product
        self.returnCode = returnCode
        self.returnText = returnText
        self.queriedHetu = queriedHetu
        self.criterionCode = criterionCode
        self.person = person
        self.validity = validity
        self.carriedGroups = carriedGroups
        self.hasTurvakielto = hasTurvakielto
    }
}
