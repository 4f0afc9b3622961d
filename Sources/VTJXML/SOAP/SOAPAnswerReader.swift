import VTJCore

/// Streams an answer of DVV's SOAP query interface (vtj-soap-kysely.md §4) with libxml2's reader
/// (no network, no entities, no DTD): the SOAP 1.1 envelope, X-Road's echoed `xrd:id`, then a
/// SOAP Fault, a `faultCode`/`faultString` pair or one `VTJHenkiloVastaussanoma`.
///
/// Elements are matched by namespace URI and local name, never by prefix. The echoed `request`
/// (which holds the user name, and may hold the password) is skipped unread. Work is bounded: a
/// person may hold at most ``maxPersonElements`` elements, each block at most ``maxBlockChildren``
/// children nested at most ``maxBlockDepth`` deep; the body's size is the client's cap.
public final class SOAPAnswerReader {
    /// Most elements directly inside `Henkilo` (a real `PERUSSANOMA 3` answer has about 25).
    public static let maxPersonElements = 2000
    /// Most children of one element inside a block (`Edunvalvonta` has about 12).
    static let maxBlockChildren = 256
    /// Deepest nesting below a block (`Edunvalvonta/HenkiloEdunvalvoja/NykyinenSukunimi/Sukunimi` is 3).
    static let maxBlockDepth = 5

    let cursor: XMLCursor
    private var used = false

    /// Reads from an open file descriptor, streaming (the descriptor stays the caller's to close).
    public init(fileDescriptor: Int32, documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(fileDescriptor: fileDescriptor, documentName: documentName)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(bytes: bytes, documentName: documentName)
    }

    /// Reads the whole answer; an error names the line and what is wrong.
    public func read() throws(XMLReadError) -> SOAPAnswer {
        guard !used else { throw cursor.failure("this reader has already read its document") }
        used = true
        try cursor.moveToRoot()
        guard cursor.name == "Envelope", cursor.isInNamespace(SOAPNames.envelope) else {
            let hint = cursor.namespaceURI == SOAPNames.envelope12 ? " (a SOAP 1.2 envelope; the interface speaks SOAP 1.1)" : ""
            throw cursor.failure("expected a SOAP 1.1 Envelope as the root element, found \(qualifiedName)\(hint)", kind: .unexpectedRoot)
        }
        var messageID: String?
        var content: SOAPAnswer.Content?
        if !cursor.isEmpty {
            while try cursor.nextChild(of: 0) != nil {
                if isEnvelope("Header") {
                    messageID = try readHeader()
                } else if isEnvelope("Body") {
                    guard content == nil else { throw cursor.failure("the Envelope has two Body elements", kind: .invalidMessage) }
                    content = try readBody()
                } else {
                    try cursor.skipElement()
                }
            }
        }
        try cursor.finishDocument()
        guard let content else { throw cursor.failure("the Envelope has no Body", kind: .invalidMessage) }
        return SOAPAnswer(messageID: messageID, content: content)
    }

    // MARK: - Envelope

    /// On `Header`: X-Road's `xrd:id` (the rest of the echo is not needed).
    private func readHeader() throws(XMLReadError) -> String? {
        var id: String?
        guard !cursor.isEmpty else { return nil }
        let depth = cursor.depth
        while try cursor.nextChild(of: depth) != nil {
            if cursor.name == "id", cursor.isInNamespace(SOAPNames.xRoad) {
                id = SOAPValues.withoutPrettyPrinting(try cursor.readText()).trimmingBlanks
            } else {
                try cursor.skipElement()
            }
        }
        return id
    }

    /// On `Body`: a Fault or the operation's response, exactly one.
    private func readBody() throws(XMLReadError) -> SOAPAnswer.Content {
        var content: SOAPAnswer.Content?
        var stranger: String?
        if !cursor.isEmpty {
            let depth = cursor.depth
            while try cursor.nextChild(of: depth) != nil {
                let found: SOAPAnswer.Content
                if isEnvelope("Fault") {
                    found = try readFault()
                } else if cursor.name == SOAPNames.operationResponse, cursor.isInNamespace(SOAPNames.query) {
                    found = try readOperationResponse()
                } else {
                    stranger = stranger ?? qualifiedName
                    try cursor.skipElement()
                    continue
                }
                guard content == nil else {
                    throw cursor.failure("the Body holds more than one answer; refused rather than guessing which is right", kind: .invalidMessage)
                }
                content = found
            }
        }
        guard let content else {
            throw cursor.failure("the Body holds neither a SOAP Fault nor {\(SOAPNames.query)}\(SOAPNames.operationResponse)"
                                 + (stranger.map { "; found \($0)" } ?? ""), kind: .invalidMessage)
        }
        return content
    }

    /// On a SOAP 1.1 `Fault`: its `faultcode` (the prefix of the QName dropped) and `faultstring`.
    private func readFault() throws(XMLReadError) -> SOAPAnswer.Content {
        var code = ""
        var text = ""
        if !cursor.isEmpty {
            let depth = cursor.depth
            while try cursor.nextChild(of: depth) != nil {
                switch cursor.name {
                case "faultcode": code = try cursor.readText().trimmingBlanks
                case "faultstring": text = try cursor.readText()
                default: try cursor.skipElement()
                }
            }
        }
        if let colon = code.firstIndex(of: ":") { code = String(code[code.index(after: colon)...]) }
        guard !code.isEmpty else { throw cursor.failure("a SOAP Fault without a faultcode", kind: .invalidMessage) }
        return .fault(code: code, text: SOAPAnswerReader.oneLine(text))
    }

    /// On `HenkilonTunnusKyselyResponse`: its `response` (the echoed `request` is skipped unread).
    private func readOperationResponse() throws(XMLReadError) -> SOAPAnswer.Content {
        var content: SOAPAnswer.Content?
        if !cursor.isEmpty {
            let depth = cursor.depth
            while try cursor.nextChild(of: depth) != nil {
                if cursor.name == "response", cursor.isInNamespace(SOAPNames.query) {
                    guard content == nil else { throw cursor.failure("two response elements in one answer", kind: .invalidMessage) }
                    content = try readResponse()
                } else {
                    try cursor.skipElement()
                }
            }
        }
        guard let content else {
            throw cursor.failure("\(SOAPNames.operationResponse) has no response element", kind: .invalidMessage)
        }
        return content
    }

    /// On `response`: one answer document, or one `faultCode`/`faultString` pair.
    private func readResponse() throws(XMLReadError) -> SOAPAnswer.Content {
        var document: SOAPDocument?
        var pairCode: String?
        var pairText = ""
        if !cursor.isEmpty {
            let depth = cursor.depth
            while try cursor.nextChild(of: depth) != nil {
                let inQuery = cursor.isInNamespace(SOAPNames.query) || cursor.isInNamespace("")
                switch cursor.name {
                case SOAPNames.answerDocument:
                    guard cursor.isInNamespace(SOAPNames.answer) else {
                        throw cursor.failure("the answer document is in namespace \"\(cursor.namespaceURI.prefix(80))\", not \(SOAPNames.answer)",
                                             kind: .invalidMessage)
                    }
                    guard document == nil else {
                        throw cursor.failure("two answer documents for one henkilötunnus; refused rather than guessing which is right",
                                             kind: .invalidMessage)
                    }
                    document = try readDocument()
                case "faultCode" where inQuery:
                    pairCode = try cursor.readText().trimmingBlanks
                case "faultString" where inQuery:
                    pairText = try cursor.readText()
                default:
                    try cursor.skipElement()
                }
            }
        }
        switch (document, pairCode) {
        case (let document?, nil):
            return .document(document)
        case (nil, let code?):
            return .faultPair(code: code, text: SOAPAnswerReader.oneLine(pairText))
        case (.some, .some):
            throw cursor.failure("the response holds both an answer document and a faultCode; refused", kind: .invalidMessage)
        case (nil, nil):
            throw cursor.failure("the response holds neither \(SOAPNames.answerDocument) nor faultCode", kind: .invalidMessage)
        }
    }

    // MARK: - Helpers

    func isEnvelope(_ name: String) -> Bool { cursor.name == name && cursor.isInNamespace(SOAPNames.envelope) }

    /// `{namespace}name` of the current element, for messages.
    var qualifiedName: String {
        let uri = cursor.namespaceURI
        return (uri.isEmpty ? "" : "{\(uri.prefix(80))}") + String(cursor.name.prefix(80))
    }

    /// Text for a log line or receipt: one line, at most 200 characters.
    static func oneLine(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let collapsed = flat.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return collapsed.count > 200 ? String(collapsed.prefix(200)) + "…" : collapsed
    }
}

extension SOAPAnswerReader {
    /// Every group some SOAP element can deliver (and HENKILOTUNNUS_KORJAUS, made from return code
    /// `0002`); the others are never delivered on this wire (vtj-soap-kysely.md §10).
    public static var deliverableGroups: Set<GroupName> { SOAPPersonMapping.deliverableGroups }
}
