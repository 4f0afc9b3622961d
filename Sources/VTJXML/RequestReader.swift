import VTJCore

/// Reads one request body (see ``RequestXML/read(_:documentName:)``).
final class RequestReader {
    private let cursor: XMLCursor
    private let ids: NameIDs

    init(bytes: [UInt8], documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(bytes: bytes, documentName: documentName)
        ids = NameIDs(cursor)
    }

    func read() throws(XMLReadError) -> InterfaceRequest {
        try cursor.moveToRoot()
        let root = cursor.nameID
        guard root >= 0, root == ids.perustiedotPyynto || root == ids.muutoksetPyynto else {
            throw cursor.failure(
                "expected <\(Wire.perustiedotPyynto)> or <\(Wire.muutoksetPyynto)> as the root element, found <\(cursor.name)>",
                kind: .unexpectedRoot)
        }
        var hetus: [String]?
        var codes: [String]?
        var groups: [GroupName]?
        var continuation: String?
        var logKey: Int64?
        if !cursor.isEmpty {
            while let id = try cursor.nextChild(of: 0) {
                switch id {
                case ids.hetulista:
                    guard hetus == nil else { throw cursor.failure("<\(Wire.hetulista)> appears twice", kind: .invalidMessage) }
                    hetus = try readList(of: ids.hetu, limit: Restriction.maxHetusPerMessage)
                case ids.kuntarajaus:
                    guard codes == nil else { throw cursor.failure("<\(Wire.kuntarajaus)> appears twice", kind: .invalidMessage) }
                    codes = try readList(of: ids.kuntakoodi, limit: nil)
                case ids.tietoryhmat where root == ids.perustiedotPyynto:
                    groups = try readList(of: ids.tietoryhma, limit: nil).map { GroupName(rawValue: $0) }
                case ids.jatkoavain where root == ids.perustiedotPyynto:
                    continuation = try cursor.readText().trimmingBlanks
                case ids.viimeisinKirjausavain where root == ids.muutoksetPyynto:
                    let text = try cursor.readText().trimmingBlanks
                    guard let key = Int64(text) else {
                        throw cursor.failure("\(Wire.viimeisinKirjausavain) \"\(text.prefix(40))\" is not a 64-bit integer", kind: .invalidMessage)
                    }
                    logKey = key
                default:
                    try cursor.skipElement()
                }
            }
        }
        try cursor.finishDocument()
        let restriction: Restriction
        do throws(Restriction.Problem) {
            restriction = try Restriction(hetus: hetus, codes: codes)
        } catch {
            throw cursor.failure(Self.wording(error), kind: .restriction(error))
        }
        if root == ids.muutoksetPyynto {
            guard let logKey else {
                throw cursor.failure("<\(Wire.muutoksetPyynto)> has no <\(Wire.viimeisinKirjausavain)>", kind: .invalidMessage)
            }
            return .muutokset(MuutoksetRequest(logKey: logKey, restriction: restriction))
        }
        return .perustiedot(PerustiedotRequest(restriction: restriction, groups: groups, continuation: continuation))
    }

    /// The reason for a restriction the interface refuses, in the profile's element names.
    private static func wording(_ problem: Restriction.Problem) -> String {
        switch problem {
        case .conflicting: "a request holds both <\(Wire.hetulista)> and <\(Wire.kuntarajaus)>; send exactly one"
        case .missing: "a request needs exactly one of <\(Wire.hetulista)> or <\(Wire.kuntarajaus)>"
        case .emptyHetulista: "<\(Wire.hetulista)> holds no <\(Wire.hetu)>"
        case .tooManyHetus: "more than \(Restriction.maxHetusPerMessage) <\(Wire.hetu)> in one message"
        }
    }

    /// On a wrapper's start: the trimmed texts of its `item` children (others ignored). Stops at
    /// once when there are more than `limit`, so a huge list is refused without being read.
    private func readList(of item: Int32, limit: Int?) throws(XMLReadError) -> [String] {
        var values: [String] = []
        guard !cursor.isEmpty else { return values }
        let depth = cursor.depth
        while let id = try cursor.nextChild(of: depth) {
            guard id == item else {
                try cursor.skipElement()
                continue
            }
            if let limit, values.count == limit {
                throw cursor.failure("more than \(limit) <\(cursor.name)> in one message", kind: .restriction(.tooManyHetus))
            }
            values.append(try cursor.readText().trimmingBlanks)
        }
        return values
    }

}
