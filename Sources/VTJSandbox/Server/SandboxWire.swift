import Foundation
import Hummingbird
import VTJCore
import VTJJSON
import VTJXML

/// One wire as the sandbox speaks it: how requests are read and answers and errors written.
struct SandboxWire: Sendable, Equatable {
    let kind: WireKind

    static let xml = SandboxWire(kind: .xml)
    static let json = SandboxWire(kind: .json)

    /// The wire a request speaks: a POST by its `Content-Type`, a GET by its `Accept`, otherwise the
    /// sandbox's default. Nil for a POST body of a type neither wire has (answered 415).
    static func of(_ request: Request, default fallback: SandboxWire) -> SandboxWire? {
        if request.method == .post {
            guard let type = request.headers[.contentType] else { return fallback }
            let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            if media == "application/json" || media.hasSuffix("+json") { return .json }
            if media == "application/xml" || media == "text/xml" || media.hasSuffix("+xml") { return .xml }
            return nil
        }
        let accept = (request.headers[.accept] ?? "").lowercased()
        let json = accept.contains("json")
        let xml = accept.contains("xml")
        if json && !xml { return .json }
        if xml && !json { return .xml }
        return fallback
    }

    // SOAP is never encoded here: it has its own responder at `/` (SandboxSOAPResponder), and a
    // sandbox whose default wire is SOAP answers REST requests that do not say in XML.
    var contentType: String {
        switch kind {
        case .xml, .soap: "application/xml; charset=utf-8"
        case .json: "application/json"
        }
    }

    /// The body of an answer.
    func encode(_ answer: SandboxAnswer) -> [UInt8] {
        switch (kind, answer) {
        case (.xml, .basicData(let persons, let page, _)): ResponseXML.perustiedot(persons, page: page)
        case (.xml, .changes(let changes, let page)): ResponseXML.muutokset(changes, page: page)
        case (.xml, .logKey(let key)): ResponseXML.logKey(key)
        case (.json, .basicData(let persons, let page, let date)): JSONResponseWriter.perustiedot(persons, page: page, extractionDate: date)
        case (.json, .changes(let changes, let page)): JSONResponseWriter.muutokset(changes, page: page)
        case (.json, .logKey(let key)): JSONResponseWriter.logKey(key)
        case (.soap, _): SandboxWire.xml.encode(answer)
        }
    }

    /// An error body (any non-2xx status).
    func error(code: String, message: String) -> [UInt8] {
        switch kind {
        case .xml, .soap: ResponseXML.error(InterfaceErrorBody(code: code, message: message))
        case .json: JSONResponseWriter.error(InterfaceErrorBody(code: code, message: message))
        }
    }

    /// Reads a POST body for `operation` (`perustiedot`, `perustiedot-vko`, `muutokset`) by the wire's rules.
    func read(_ bytes: [UInt8], operation: String) throws(SandboxHTTPFailure) -> InterfaceMessage {
        switch kind {
        case .xml, .soap:
            guard operation != JSONMessages.Path.perustiedotVko.rawValue else {
                throw SandboxHTTPFailure(status: .unsupportedMediaType, code: "VIRHEELLINEN_SISALTOTYYPPI",
                                         message: "perustiedot-vko is DVV's JSON operation; post application/json, or ask the XML profile's /perustiedot with <kuntarajaus/>")
            }
            do {
                return try MessageXML.read(bytes, documentName: operation == "muutokset" ? "muutoksetPyynto" : "perustiedotPyynto")
            } catch {
                throw SandboxHTTPFailure(status: .badRequest, code: error.interfaceCode, message: error.description)
            }
        case .json:
            guard let path = JSONMessages.Path(rawValue: operation) else {
                throw SandboxHTTPFailure.notFound("/api/v1/" + operation)
            }
            do {
                return try JSONMessages.read(bytes, path: path, documentName: operation)
            } catch {
                throw SandboxHTTPFailure(status: .badRequest, code: error.interfaceCode, message: error.description)
            }
        }
    }
}
