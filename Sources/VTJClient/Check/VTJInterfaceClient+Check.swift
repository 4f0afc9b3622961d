import VTJCore

extension VTJInterfaceClient {
    /// The wire's one harmless call (the start-up probe): `kirjausavain` for `date` on the REST
    /// wires, a query for a fixed test henkilötunnus on the SOAP wire (which has no log keys).
    /// With retries, like any call; throws ``VTJClientError``.
    public func probe(on date: CivilDate) async throws {
        let wire = self.wire
        _ = try await execute(wire.probeOperation, call: .probe(date)) { (body: ResponseBody) -> ProbeAnswer in try wire.readProbe(body) }
    }

    /// The wire's harmless call (``probe(on:)``), made once (no retries) and classified: the
    /// operator's connection check. Never throws; every failure is in the report's diagnosis.
    public func checkConnection(on date: CivilDate) async -> ConnectionReport {
        let messageID = ids.next(unixMillis: Self.unixMillis())
        var report = ConnectionReport(wire: wire.kind, url: baseURL, xRoadClient: configuration.xRoadClient,
                                      usesTLS: baseURL.lowercased().hasPrefix("https:"), timing: HTTPTiming(), status: nil,
                                      contentType: nil, diagnosis: .transport(detail: "not started"))
        let exchange: WireRequest
        do {
            exchange = try wire.request(for: .probe(date), attempt: attemptFacts(messageID: messageID))
        } catch {
            report.diagnosis = .transport(detail: "\(error)")
            return report
        }
        let request = httpRequest(exchange, messageID: messageID)
        report.url = request.url
        let wire = self.wire
        let started = report
        do {
            report = try await pool.run { handle, _ in
                var report = started
                do {
                    let response = try handle.perform(request)
                    report.timing = handle.lastTiming
                    report.status = response.status
                    report.contentType = response.header("Content-Type")
                    report.diagnosis = self.redacted(Self.diagnose(response, wire: wire, messageID: messageID))
                } catch let error as HTTPTransportError {
                    report.timing = handle.lastTiming
                    report.diagnosis = ConnectionDiagnosis(error)
                    // With TLS 1.3 a server checks the client certificate after the handshake has
                    // finished on the client's side; refusing it, it just closes the connection.
                    if case .transfer(let code, let reason) = error, [52, 55, 56].contains(code), report.usesTLS,
                       report.timing.tlsHandshake > 0 {
                        report.diagnosis = .tls(.clientCertificateRefused,
                                                detail: "the server closed the connection right after the TLS handshake, before any answer: \(reason)")
                    }
                }
                return report
            }
        } catch {
            report.diagnosis = .transport(detail: "\(error)")
        }
        return report
    }

    /// The verdict on an answer, in the order the client itself reads one.
    static func diagnose(_ response: HTTPResponse, wire: any InterfaceWire, messageID: String) -> ConnectionDiagnosis {
        let head = HTTPResponseHead(status: response.status, headers: response.headers, bodyBytes: Int64(response.body.count), newConnections: 0)
        if let fault = wire.fault(status: response.status, headers: head, body: { response.body }) { return .gateway(fault) }
        switch response.status {
        case 200...299: break
        case 401: return .unauthorized(status: 401)
        case 403: return .forbidden(status: 403)
        case 404, 405: return .wrongPath(status: response.status)
        case 429, 500...599: return .unavailable(status: response.status)
        default: return .otherStatus(status: response.status)
        }
        if let problem = wire.contentTypeProblem(response.header("Content-Type")) {
            return problem.contains("vtj.wire") ? .wrongWire(detail: problem) : .unreadableAnswer(detail: problem)
        }
        let body = ResponseBody(bytes: response.body, documentName: "\(wire.probeOperation) response \(messageID)", messageID: messageID)
        defer { body.close() }
        do {
            switch try wire.readProbe(body) {
            case .logKey(let key): return .answered(logKey: key)
            case .query(let words): return .answeredQuery(words)
            }
        } catch let failure as WireAnswerFailure {
            switch failure.outcome {
            case .gateway(let fault): return .gateway(fault)
            case .service(let code): return .serviceRefused(code)
            default: return .unreadableAnswer(detail: "\(failure.outcome)")
            }
        } catch {
            return .unreadableAnswer(detail: "\(error)")
        }
    }
}
