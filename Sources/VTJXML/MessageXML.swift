import VTJCore

/// Message bodies sent to the interface (the wire's `…Pyynto` elements): written by the client (xmlTextWriter), read by the sandbox.
public enum MessageXML {
    /// A `perustiedotPyynto` (profile 2.2). An empty `groups` list is written like nil (all groups).
    public static func write(_ request: PerustiedotMessage) -> [UInt8] {
        ResponseXML.document { writer in
            writer.startElement(Wire.perustiedotPyynto)
            writeRestriction(request.restriction, to: writer)
            if let groups = request.groups, !groups.isEmpty {
                writer.startElement(Wire.tietoryhmat)
                for group in groups { writer.element(Wire.tietoryhma, text: group.rawValue) }
                writer.endElement()
            }
            if let continuation = request.continuation { writer.element(Wire.jatkoavain, text: continuation) }
            writer.endElement()
        }
    }

    /// A `muutoksetPyynto` (profile 2.3).
    public static func write(_ request: MuutoksetMessage) -> [UInt8] {
        ResponseXML.document { writer in
            writer.startElement(Wire.muutoksetPyynto)
            writer.element(Wire.viimeisinKirjausavain, text: String(request.logKey))
            writeRestriction(request.restriction, to: writer)
            writer.endElement()
        }
    }

    private static func writeRestriction(_ restriction: Restriction, to writer: XMLWriter) {
        switch restriction {
        case .hetulista(let hetus):
            writer.startElement(Wire.hetulista)
            for hetu in hetus { writer.element(Wire.hetu, text: hetu) }
            writer.endElement()
        case .kuntarajaus(let codes):
            writer.startElement(Wire.kuntarajaus)
            for code in codes { writer.element(Wire.kuntakoodi, text: code) }
            writer.endElement()
        }
    }

    /// Reads a request body as the interface would, checking the profile's rules: exactly one of
    /// `hetulista`/`kuntarajaus`, a non-empty `hetulista` of at most 1000 `hetu`, a 64-bit
    /// `viimeisinKirjausavain` for `muutoksetPyynto`. Unknown elements are ignored. The error's
    /// ``XMLReadError/kind`` (and ``XMLReadError/interfaceCode``) says which rule was broken.
    public static func read(_ bytes: [UInt8], documentName: String) throws(XMLReadError) -> InterfaceMessage {
        try MessageReader(bytes: bytes, documentName: documentName).read()
    }
}
