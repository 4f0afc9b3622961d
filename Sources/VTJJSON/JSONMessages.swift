import VTJCore

/// Message bodies of the JSON wire: written by the client, read by the sandbox (section 3 and the
/// envelope schema of section 8). The client never sends a key the schema does not name (DVV's
/// `PerustietoRequest` has `additionalProperties: false`; the old `tuotekoodi` is gone).
public enum JSONMessages {
    /// The three POST paths.
    public enum Path: String, Sendable, CaseIterable {
        /// `POST /perustiedot`: basic data by `hetulista`.
        case perustiedot = "perustiedot"
        /// `POST /perustiedot-vko`: the weekly snapshot, by `kuntakoodit` (municipal) or `hetulista`.
        case perustiedotVko = "perustiedot-vko"
        /// `POST /muutokset`: changes after a log key.
        case muutokset = "muutokset"
    }

    /// `{"hetulista": […], "tietoryhmat"?: […]}` (`/perustiedot`, or `/perustiedot-vko` with
    /// `kuntakoodit` and `jatkoavain` for a municipal snapshot). Empty `groups` is written like nil.
    public static func write(_ request: PerustiedotMessage) -> [UInt8] {
        let writer = JSONWriter()
        writer.beginObject()
        writeRestriction(request.restriction, to: writer)
        if let groups = request.groups, !groups.isEmpty {
            writer.key("tietoryhmat")
            writer.beginArray()
            for group in groups { writer.string(group.rawValue) }
            writer.endArray()
        }
        if let continuation = request.continuation { writer.member("jatkoavain", continuation) }
        writer.endObject()
        return writer.finish()
    }

    /// `{"viimeisinKirjausavain": n, "hetulista" | "kuntakoodit": […]}`; the key is a JSON number.
    public static func write(_ request: MuutoksetMessage) -> [UInt8] {
        let writer = JSONWriter()
        writer.beginObject()
        writer.key("viimeisinKirjausavain")
        writer.number(request.logKey)
        writeRestriction(request.restriction, to: writer)
        writer.endObject()
        return writer.finish()
    }

    private static func writeRestriction(_ restriction: Restriction, to writer: JSONWriter) {
        let (key, values): (String, [String]) = switch restriction {
        case .hetulista(let hetus): ("hetulista", hetus)
        case .kuntarajaus(let codes): ("kuntakoodit", codes)
        }
        writer.key(key)
        writer.beginArray()
        for value in values { writer.string(value) }
        writer.endArray()
    }

    /// Reads a request body as DVV's schema would (section 8): only the path's keys, exactly one
    /// of `hetulista` and `kuntakoodit` where both are allowed, 1…1000 valid henkilötunnus, three-digit
    /// codes, group names in capitals, a non-negative integer key. The error's
    /// ``JSONReadError/kind`` (and ``JSONReadError/interfaceCode``) says which rule was broken.
    public static func read(_ bytes: [UInt8], path: Path, documentName: String) throws(JSONReadError) -> InterfaceMessage {
        try JSONMessageReader(bytes: bytes, path: path, documentName: documentName).read()
    }
}
