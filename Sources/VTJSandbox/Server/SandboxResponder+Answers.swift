import Hummingbird
import NIOCore
import VTJCore
import VTJJSON

extension SandboxResponder {
    /// The answer model for a request already read by its wire.
    func answer(to request: InterfaceMessage, operation: String) throws -> SandboxAnswer {
        switch request {
        case .perustiedot(let ask): try basicData(ask, snapshot: operation == JSONMessages.Path.perustiedotVko.rawValue)
        case .muutokset(let ask): try changes(ask, operation: operation)
        }
    }

    private func basicData(_ ask: PerustiedotMessage, snapshot: Bool) throws -> SandboxAnswer {
        let groups = ask.groups.map(Set.init)
        let censor = !core.configuration.uncensored
        // The weekly snapshot names its extraction day (vtj-json-wire.md 3.4).
        let extraction = snapshot ? core.registry.today.description : nil
        switch ask.restriction {
        case .hetulista(let hetus):
            if let first = hetus.first, core.faults.shouldRejectQuoting() {
                core.counters.fault("rejectQuoting")
                throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_HETU",
                                         message: "henkilötunnus \(first) ei kelpaa tälle käyttäjälle (injected)")
            }
            let persons = core.registry.basicData(hetus: hetus, groups: groups, censor: censor)
            return .basicData(persons, page: PerustiedotPageInfo(upToDate: true), extractionDate: extraction)
        case .kuntarajaus(let codes):
            try checkLicence(codes)
            var start = 0
            if let token = ask.continuation {
                guard let index = SandboxResponder.continuationIndex(token) else {
                    throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_JATKOAVAIN", message: "unknown jatkoavain: start the delivery again without it")
                }
                start = index
            }
            let page = core.registry.municipalPage(from: start, limit: core.configuration.pageSize, groups: groups, censor: censor)
            let info = PerustiedotPageInfo(upToDate: page.next == nil, continuation: page.next.map(SandboxResponder.continuationToken))
            return .basicData(page.persons, page: info, extractionDate: extraction)
        }
    }

    private func changes(_ ask: MuutoksetMessage, operation: String) throws -> SandboxAnswer {
        guard operation == "muutokset" else {
            throw SandboxHTTPFailure(status: .badRequest, code: "VIRHEELLINEN_SANOMA", message: "expected a perustiedot request on /\(operation)")
        }
        if case .kuntarajaus(let codes) = ask.restriction { try checkLicence(codes) }
        let result = core.registry.changes(
            after: ask.logKey, restriction: ask.restriction, limit: core.configuration.changesPageSize, censor: !core.configuration.uncensored)
        return .changes(result.changes, page: result.page)
    }

    private func checkLicence(_ codes: [String]) throws {
        let licensed = core.registry.population.licensedMunicipality
        guard codes.isEmpty || codes.contains(licensed) else {
            throw SandboxHTTPFailure(status: .forbidden, code: "EI_KAYTTOOIKEUTTA", message: "the credentials are licensed for municipality \(licensed) only")
        }
    }

    /// `jatkoavain`: an opaque token for "continue from this person index".
    static func continuationToken(_ index: Int) -> String { "S" + String(index, radix: 36) }

    static func continuationIndex(_ token: String) -> Int? {
        guard token.hasPrefix("S"), let index = Int(token.dropFirst(), radix: 36), index >= 0 else { return nil }
        return index
    }

    /// A 200 with the encoded answer, cut short or made endless when a byte-level fault says so.
    func ok(_ bytes: [UInt8], wire: SandboxWire) -> Response { ok(bytes, contentType: wire.contentType) }

    /// A 200 of this type, with the byte-level faults (the SOAP wire's answers too).
    func ok(_ bytes: [UInt8], contentType: String) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        switch core.faults.bodyFault() {
        case .none:
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .truncate where bytes.count > 1:
            core.counters.fault("truncated")
            // Promise the whole body, send half, then fail the stream: the connection closes mid-body.
            headers[.contentLength] = String(bytes.count)
            let half = Array(bytes.prefix(bytes.count / 2))
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: half))
                throw SandboxHTTPFailure(status: .internalServerError, code: "KATKAISTU", message: "body cut on purpose")
            })
        case .truncate:
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .endless(let limit):
            core.counters.fault("endless")
            // The answer without its last byte, then blanks (valid inside both wires' documents) until the
            // client hangs up or `limit` bytes have gone out; chunked, so no length warns the client.
            let head = Array(bytes.dropLast())
            let tail = Array(bytes.suffix(1))
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: head))
                let blanks = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 * 1024)
                var sent = Int64(head.count)
                while sent < limit {
                    try await writer.write(blanks)
                    sent += Int64(blanks.readableBytes)
                }
                try await writer.write(ByteBuffer(bytes: tail))
            })
        }
    }
}
