import VTJCore

extension VTJInterfaceClient {
    /// One harmless call, `kirjausavain` for `date`, made once (no retries) and classified: the
    /// operator's connection check. Never throws; every failure is in the report's diagnosis.
    public func checkConnection(on date: CivilDate) async -> ConnectionReport {
        let requestID = ids.next(unixMillis: Self.unixMillis())
        var report = ConnectionReport(wire: wire.kind, url: baseURL, xRoadClient: configuration.xRoadClient,
                                      usesTLS: baseURL.lowercased().hasPrefix("https:"), timing: HTTPTiming(), status: nil,
                                      contentType: nil, diagnosis: .transport(detail: "not started"))
        let exchange: WireRequest
        do {
            exchange = try wire.request(for: .logKey(date))
        } catch {
            report.diagnosis = .transport(detail: "\(error)")
            return report
        }
        let request = httpRequest(exchange, requestID: requestID)
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
                    report.diagnosis = Self.diagnose(response, wire: wire, requestID: requestID)
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
    static func diagnose(_ response: HTTPResponse, wire: any InterfaceWire, requestID: String) -> ConnectionDiagnosis {
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
        let body = ResponseBody(bytes: response.body, documentName: "kirjausavain response \(requestID)", requestID: requestID)
        defer { body.close() }
        do {
            return .answered(logKey: try wire.readLogKey(body))
        } catch {
            return .unreadableAnswer(detail: "\(error)")
        }
    }
}
