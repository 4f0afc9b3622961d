import VTJCore

/// Reads one request body for the sandbox (see ``JSONRequests/read(_:path:documentName:)``).
struct JSONRequestReader {
    private let reader: JSONReader
    private let path: JSONRequests.Path

    init(bytes: [UInt8], path: JSONRequests.Path, documentName: String) {
        reader = JSONReader(bytes: bytes, documentName: documentName)
        self.path = path
    }

    func read() throws(JSONReadError) -> InterfaceRequest {
        guard try reader.peekKind() == .object else { throw reader.failure("the request is not a JSON object", kind: .invalidMessage) }
        try reader.enterObject()
        var hetus: [String]?
        var codes: [String]?
        var groups: [GroupName]?
        var continuation: String?
        var logKey: Int64?
        var seen: Set<String> = []
        var first = true
        while try reader.nextKey(&first) {
            let key = reader.keyString()
            guard seen.insert(key).inserted else { throw reader.failure("\"\(key.prefix(40))\" appears twice", kind: .invalidMessage) }
            switch (key, path) {
            case ("hetulista", _):
                hetus = try strings(key, limit: Restriction.maxHetusPerMessage, pattern: Self.isHetu, patternName: "a henkilötunnus")
            case ("kuntakoodit", .perustiedotVko), ("kuntakoodit", .muutokset):
                codes = try strings(key, limit: nil, pattern: Self.isMunicipalityCode, patternName: "a three-digit municipality code")
                if codes?.isEmpty == true { throw reader.failure("\"kuntakoodit\" is empty", kind: .invalidMessage) }
            case ("tietoryhmat", .perustiedot), ("tietoryhmat", .perustiedotVko):
                let names = try strings(key, limit: nil, pattern: Self.isGroupName, patternName: "a group name")
                guard !names.isEmpty else { throw reader.failure("\"tietoryhmat\" is empty; leave it out to ask for every group", kind: .invalidMessage) }
                groups = names.map { GroupName(rawValue: $0) }
            case ("jatkoavain", .perustiedotVko):
                guard try reader.peekKind() == .string else { throw reader.failure("\"jatkoavain\" is not a string", kind: .invalidMessage) }
                continuation = try reader.readString()
            case ("viimeisinKirjausavain", .muutokset):
                guard try reader.peekKind() == .number else {
                    throw reader.failure("\"viimeisinKirjausavain\" must be a JSON number", kind: .invalidMessage)
                }
                let key = try reader.readInt64()
                guard key >= 0 else { throw reader.failure("\"viimeisinKirjausavain\" is negative", kind: .invalidMessage) }
                logKey = key
            default:
                throw reader.failure("\"\(key.prefix(40))\" is not a key of a /\(path.rawValue) request", kind: .unknownKey)
            }
        }
        try reader.finish()
        let restriction: Restriction
        do throws(Restriction.Problem) {
            restriction = try Restriction(hetus: hetus, codes: codes)
        } catch {
            throw reader.failure(wording(error), kind: .restriction(error))
        }
        if path == .muutokset {
            guard let logKey else { throw reader.failure("a /muutokset request needs \"viimeisinKirjausavain\"", kind: .invalidMessage) }
            return .muutokset(MuutoksetRequest(logKey: logKey, restriction: restriction))
        }
        return .perustiedot(PerustiedotRequest(restriction: restriction, groups: groups, continuation: continuation))
    }

    /// The reason for a restriction the interface refuses, in this wire's key names.
    private func wording(_ problem: Restriction.Problem) -> String {
        switch problem {
        case .conflicting: "a request holds both \"hetulista\" and \"kuntakoodit\"; send exactly one"
        case .missing: path == .perustiedot ? "a /perustiedot request needs \"hetulista\""
            : "a request needs exactly one of \"hetulista\" or \"kuntakoodit\""
        case .emptyHetulista: "\"hetulista\" is empty"
        case .tooManyHetus: "more than \(Restriction.maxHetusPerMessage) entries in \"hetulista\""
        }
    }

    /// An array of strings, each matching `pattern`; stops at once past `limit`.
    private func strings(_ key: String, limit: Int?, pattern: (String) -> Bool, patternName: String) throws(JSONReadError) -> [String] {
        guard try reader.peekKind() == .array else { throw reader.failure("\"\(key)\" is not an array", kind: .invalidMessage) }
        try reader.enterArray()
        var values: [String] = []
        var first = true
        while try reader.nextItem(&first) {
            if let limit, values.count == limit {
                throw reader.failure("more than \(limit) entries in \"\(key)\"", kind: .restriction(.tooManyHetus))
            }
            guard try reader.peekKind() == .string else { throw reader.failure("an entry of \"\(key)\" is not a string", kind: .invalidMessage) }
            let value = try reader.readString()
            guard pattern(value) else { throw reader.failure("an entry of \"\(key)\" is not \(patternName)", kind: .invalidMessage) }
            values.append(value)
        }
        return values
    }

    /// The schema's `$defs.hetu`: `^[0-3][0-9][01][0-9]{3}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$`.
    static func isHetu(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 11 else { return false }
        func digit(_ i: Int) -> Bool { b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") }
        guard (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(b[0]), digit(1), b[2] == UInt8(ascii: "0") || b[2] == UInt8(ascii: "1"),
              digit(3), digit(4), digit(5), digit(7), digit(8), digit(9)
        else { return false }
        let sign = b[6]
        guard sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(sign)
            || (UInt8(ascii: "U")...UInt8(ascii: "Y")).contains(sign) else { return false }
        let check = b[10]
        if digit(10) { return true }
        return (UInt8(ascii: "A")...UInt8(ascii: "Y")).contains(check) && !"GIOQZ".utf8.contains(check)
    }

    static func isMunicipalityCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func isGroupName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
    }
}
