import VTJCore

/// Streams an answer of the JSON wire (vtj-json-wire.md): persons and changes are handed on one at
/// a time as soon as their object closes, so a page of any size never sits in memory, and each
/// becomes exactly the ``Person``/``Change`` the XML profile's reader builds for the same content.
///
/// A read returns normally only when the root object closed and nothing but blanks followed; a body
/// cut short, not JSON, or not the expected message is a ``JSONReadError``. Keys may come in any
/// order at every level; unknown keys and groups are kept (inside records) or skipped (elsewhere),
/// never fatal; `null` is the same as an absent key. One reader reads one document once.
public final class JSONResponseReader {
    let reader: JSONReader
    /// The answer's field names, each made once (``JSONKeyNames``).
    let keyNames = JSONKeyNames()
    private var used = false

    /// Reads from an open file descriptor, streaming (the descriptor stays the caller's to close).
    public init(fileDescriptor: Int32, documentName: String) {
        reader = JSONReader(fileDescriptor: fileDescriptor, documentName: documentName)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], documentName: String) {
        reader = JSONReader(bytes: bytes, documentName: documentName)
    }

    /// Reads a `/perustiedot` or `/perustiedot-vko` answer, handing each entry of `perustiedot` to
    /// `onPerson` as soon as it closes. Errors thrown by `onPerson` end the read and are rethrown as they are.
    public func readPerustiedot(_ onPerson: (Person) throws -> Void) throws -> PerustiedotPageInfo {
        try begin()
        var upToDate: Bool?
        var continuation: String?
        var first = true
        while try reader.nextKey(&first) {
            if reader.keyIs("perustiedot") {
                guard try !skipNull() else { continue }
                try reader.enterArray()
                var firstItem = true
                while try reader.nextItem(&firstItem) { try onPerson(try readPerson()) }
            } else if reader.keyIs("ajanTasalla") {
                upToDate = try readFlag("ajanTasalla")
            } else if reader.keyIs("jatkoavain") {
                continuation = try optionalString("jatkoavain")
            } else {
                try reader.skipValue()
            }
        }
        try reader.finish()
        guard let upToDate else { throw reader.failure("the answer has no \"ajanTasalla\"", kind: .invalidMessage) }
        return PerustiedotPageInfo(upToDate: upToDate, continuation: continuation?.isEmpty == true ? nil : continuation)
    }

    /// Reads a `/muutokset` answer, handing each entry of `muutokset` to `onChange` as soon as it
    /// closes. Errors thrown by `onChange` end the read and are rethrown as they are.
    public func readMuutokset(_ onChange: (Change) throws -> Void) throws -> MuutoksetPageInfo {
        try begin()
        var upToDate: Bool?
        var logKey: Int64?
        var first = true
        while try reader.nextKey(&first) {
            if reader.keyIs("muutokset") {
                guard try !skipNull() else { continue }
                try reader.enterArray()
                var firstItem = true
                while try reader.nextItem(&firstItem) { try onChange(try readChange()) }
            } else if reader.keyIs("ajanTasalla") {
                upToDate = try readFlag("ajanTasalla")
            } else if reader.keyIs("viimeisinKirjausavain") {
                logKey = try readLogKeyValue()
            } else {
                try reader.skipValue()
            }
        }
        try reader.finish()
        guard let logKey else { throw reader.failure("the answer has no \"viimeisinKirjausavain\"", kind: .invalidMessage) }
        guard let upToDate else { throw reader.failure("the answer has no \"ajanTasalla\"", kind: .invalidMessage) }
        return MuutoksetPageInfo(logKey: logKey, upToDate: upToDate)
    }

    /// Reads a `/kirjausavain/{date}` answer: the 64-bit log key.
    public static func readLogKey(_ bytes: [UInt8], documentName: String) throws(JSONReadError) -> Int64 {
        let response = JSONResponseReader(bytes: bytes, documentName: documentName)
        try response.begin()
        var logKey: Int64?
        var first = true
        while try response.reader.nextKey(&first) {
            if response.reader.keyIs("viimeisinKirjausavain") {
                logKey = try response.readLogKeyValue()
            } else {
                try response.reader.skipValue()
            }
        }
        try response.reader.finish()
        guard let logKey else { throw response.reader.failure("the answer has no \"viimeisinKirjausavain\"", kind: .invalidMessage) }
        return logKey
    }

    // MARK: - Values

    func begin() throws(JSONReadError) {
        guard !used else { throw reader.failure("this reader has already read its document") }
        used = true
        guard try reader.peekKind() == .object else {
            throw reader.failure("the answer is not a JSON object", kind: .invalidMessage)
        }
        try reader.enterObject()
    }

    /// Consumes a `null` and returns true, or leaves any other value and returns false.
    func skipNull() throws(JSONReadError) -> Bool {
        guard try reader.peekKind() == .null else { return false }
        try reader.readNull()
        return true
    }

    private func readFlag(_ name: String) throws(JSONReadError) -> Bool {
        guard try reader.peekKind() == .boolean else { throw reader.failure("\"\(name)\" is not true or false", kind: .invalidMessage) }
        return try reader.readBool()
    }

    func optionalString(_ name: String) throws(JSONReadError) -> String? {
        switch try reader.peekKind() {
        case .null:
            try reader.readNull()
            return nil
        case .string:
            return try reader.readString()
        default:
            throw reader.failure("\"\(name)\" is not a string", kind: .invalidMessage)
        }
    }

    /// The log key: a JSON number, or (leniently) a string of digits; 64 bits, never negative.
    private func readLogKeyValue() throws(JSONReadError) -> Int64 {
        let key: Int64
        switch try reader.peekKind() {
        case .number: key = try reader.readInt64()
        case .string:
            let text = try reader.readString()
            guard let value = Int64(text) else {
                throw reader.failure("\"viimeisinKirjausavain\" \"\(text.prefix(40))\" is not a 64-bit integer", kind: .invalidMessage)
            }
            key = value
        default:
            throw reader.failure("\"viimeisinKirjausavain\" is not a number", kind: .invalidMessage)
        }
        guard key >= 0 else { throw reader.failure("\"viimeisinKirjausavain\" is negative", kind: .invalidMessage) }
        return key
    }
}
