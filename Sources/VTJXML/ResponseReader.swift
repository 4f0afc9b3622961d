import VTJCore

/// Streams an interface response (libxml2's push parser via CXMLShim): persons and changes are handed on
/// one at a time as soon as their element closes, so a page of any size never sits in memory.
///
/// A read returns normally only when the root element closed and nothing but blanks, comments
/// or processing instructions followed; a body cut short, not well-formed, or with another root
/// is an ``XMLReadError`` naming the line. Unknown elements, attributes and group names are kept
/// (inside records) or skipped (elsewhere), never fatal. One reader reads one document once.
public final class ResponseReader {
    let cursor: XMLCursor
    let ids: NameIDs
    private var used = false

    /// Reads from an open file descriptor, streaming (the descriptor stays the caller's to close).
    public init(fileDescriptor: Int32, documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(fileDescriptor: fileDescriptor, documentName: documentName)
        ids = NameIDs(cursor)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(bytes: bytes, documentName: documentName)
        ids = NameIDs(cursor)
    }

    /// Reads a `perustiedotVastaus`, handing each `henkilo` to `onPerson` as soon as it closes.
    /// Errors thrown by `onPerson` end the read and are rethrown as they are.
    public func readPerustiedot(_ onPerson: (Person) throws -> Void) throws -> PerustiedotPageInfo {
        try openRoot(ids.perustiedotVastaus, Wire.perustiedotVastaus)
        let upToDate = try upToDateAttribute()
        var continuation: String?
        if !cursor.isEmpty {
            while let id = try cursor.nextChild(of: 0) {
                switch id {
                case ids.henkilo: try onPerson(try readPerson())
                case ids.jatkoavain: continuation = try cursor.readText().trimmingBlanks
                default: try cursor.skipElement()
                }
            }
        }
        try cursor.finishDocument()
        return PerustiedotPageInfo(upToDate: upToDate, continuation: continuation)
    }

    /// Reads a `muutoksetVastaus`, handing each `muutos` to `onChange` as soon as it closes.
    /// Errors thrown by `onChange` end the read and are rethrown as they are.
    public func readMuutokset(_ onChange: (Change) throws -> Void) throws -> MuutoksetPageInfo {
        try openRoot(ids.muutoksetVastaus, Wire.muutoksetVastaus)
        let upToDate = try upToDateAttribute()
        var logKey: Int64?
        if !cursor.isEmpty {
            while let id = try cursor.nextChild(of: 0) {
                switch id {
                case ids.viimeisinKirjausavain: logKey = try readLogKeyText()
                case ids.muutos: try onChange(try readChange())
                default: try cursor.skipElement()
                }
            }
        }
        guard let logKey else {
            throw cursor.failure("<\(Wire.muutoksetVastaus)> has no <\(Wire.viimeisinKirjausavain)>", kind: .invalidMessage)
        }
        try cursor.finishDocument()
        return MuutoksetPageInfo(logKey: logKey, upToDate: upToDate)
    }

    /// Reads a `kirjausavainVastaus`: the 64-bit log key.
    public static func readLogKey(_ bytes: [UInt8], documentName: String) throws(XMLReadError) -> Int64 {
        let reader = try ResponseReader(bytes: bytes, documentName: documentName)
        try reader.openRoot(reader.ids.kirjausavainVastaus, Wire.kirjausavainVastaus)
        var logKey: Int64?
        if !reader.cursor.isEmpty {
            while let id = try reader.cursor.nextChild(of: 0) {
                if id == reader.ids.viimeisinKirjausavain { logKey = try reader.readLogKeyText() } else { try reader.cursor.skipElement() }
            }
        }
        guard let logKey else {
            throw reader.cursor.failure("<\(Wire.kirjausavainVastaus)> has no <\(Wire.viimeisinKirjausavain)>", kind: .invalidMessage)
        }
        try reader.cursor.finishDocument()
        return logKey
    }

    /// Reads a `virhe` body; nil when the bytes are not a well-formed `virhe`.
    public static func readError(_ bytes: [UInt8]) -> InterfaceErrorBody? {
        guard let reader = try? ResponseReader(bytes: bytes, documentName: "virhe") else { return nil }
        return try? reader.readErrorBody()
    }

    // MARK: - Structure

    /// Moves to the root and checks its name; a `virhe` root is reported with its code and text.
    func openRoot(_ expected: Int32, _ expectedName: String) throws(XMLReadError) {
        guard !used else { throw cursor.failure("this reader has already read its document") }
        used = true
        try cursor.moveToRoot()
        if cursor.nameID == expected && expected >= 0 { return }
        if cursor.nameID == ids.virhe, let body = try? readErrorContent() {
            throw cursor.failure("expected <\(expectedName)>, got an error body: \(body)", kind: .unexpectedRoot)
        }
        throw cursor.failure("expected <\(expectedName)> as the root element, found <\(cursor.name)>", kind: .unexpectedRoot)
    }

    private func upToDateAttribute() throws(XMLReadError) -> Bool {
        guard let text = cursor.attribute(Wire.ajanTasalla) else {
            throw cursor.failure("the root element has no \(Wire.ajanTasalla) attribute", kind: .invalidMessage)
        }
        guard let value = Wire.bool(text) else {
            throw cursor.failure("\(Wire.ajanTasalla)=\"\(text)\" is not true or false", kind: .invalidMessage)
        }
        return value
    }

    private func readLogKeyText() throws(XMLReadError) -> Int64 {
        let text = try cursor.readText().trimmingBlanks
        guard let key = Int64(text) else {
            throw cursor.failure("\(Wire.viimeisinKirjausavain) \"\(text.prefix(40))\" is not a 64-bit integer", kind: .invalidMessage)
        }
        return key
    }

    private func readErrorBody() throws(XMLReadError) -> InterfaceErrorBody {
        guard !used else { throw cursor.failure("this reader has already read its document") }
        used = true
        try cursor.moveToRoot()
        guard cursor.nameID == ids.virhe else {
            throw cursor.failure("not a <\(Wire.virhe)> body", kind: .unexpectedRoot)
        }
        let body = try readErrorContent()
        try cursor.finishDocument()
        return body
    }

    /// On a `virhe` start: its `koodi` and `viesti`.
    private func readErrorContent() throws(XMLReadError) -> InterfaceErrorBody {
        var code: String?
        var message = ""
        let depth = cursor.depth
        if !cursor.isEmpty {
            while let id = try cursor.nextChild(of: depth) {
                switch id {
                case ids.koodi: code = try cursor.readText().trimmingBlanks
                case ids.viesti: message = try cursor.readText()
                default: try cursor.skipElement()
                }
            }
        }
        guard let code else { throw cursor.failure("<\(Wire.virhe)> has no <\(Wire.koodi)>", kind: .invalidMessage) }
        return InterfaceErrorBody(code: code, message: message)
    }
}
