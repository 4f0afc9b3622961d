import Logging
import Synchronization
import VTJCore
#if canImport(Glibc)
import Glibc
#endif

extension VTJInterfaceClient {
    /// What one attempt gave: a parsed value, or an outcome for the retry machine.
    enum Attempt<T: Sendable>: Sendable {
        case value(T, status: Int, bytes: Int64, phases: AttemptPhases)
        case failed(AttemptOutcome, status: Int?)
    }

    /// Runs one call with retries per the policy: the wire encodes it, `parse` reads a 2xx body on
    /// the worker thread (with the wire's reader).
    ///
    /// Errors from `parse` that are ``ConsumerFailure`` end the operation at once (re-thrown as the
    /// caller's own error); any other parse error counts as an unreadable body and is retried.
    func execute<T: Sendable>(
        _ operation: VTJOperation,
        call: WireCall,
        metadata: Logger.Metadata = [:],
        owner: Int? = nil,
        parse: @escaping @Sendable (ResponseBody) throws -> T
    ) async throws -> T {
        let owner = owner ?? newOwner()
        guard wire.supports(operation) || call.isProbe else {
            throw VTJClientError.invalidRequest("the \(wire.kind) wire has no \(operation) operation")
        }
        var state = RetryState(policy: configuration.retryPolicy)
        var random = SystemRandomNumberGenerator()
        var logger = self.logger
        for (key, value) in metadata { logger[metadataKey: key] = value }
        logger[metadataKey: "vtj.operation"] = "\(operation)"
        counters.withLock { $0.requests += 1 }
        while true {
            if Task.isCancelled { throw VTJClientError.cancelled }
            let messageID = ids.next(unixMillis: Self.unixMillis())
            logger[metadataKey: "vtj.request-id"] = "\(messageID)"
            logger[metadataKey: "vtj.attempt"] = "\(state.attempts + 1)"
            // Built per attempt: the SOAP wire's message carries the attempt's id and the credentials in use.
            let exchange = try wire.request(for: call, attempt: attemptFacts(messageID: messageID))
            let request = httpRequest(exchange, messageID: messageID)
            let documentName = "\(operation) response \(messageID)"
            let attempt: Attempt<T>
            let began = ContinuousClock.now
            do {
                attempt = try await pool.run(owner: owner) { [self] handle, flag in
                    try self.attempt(request, messageID: messageID, documentName: documentName, handle: handle,
                                     cancellation: flag, queuedSince: began, parse: parse)
                }
            } catch let failure as ConsumerFailure {
                throw failure.underlying
            } catch is CancellationError {
                throw VTJClientError.cancelled
            } catch HTTPTransportError.cancelled {
                throw VTJClientError.cancelled
            }
            let outcome: AttemptOutcome
            let elapsed = ContinuousClock.now - began
            switch attempt {
            case .value(let value, let status, let bytes, let phases):
                var done: Logger.Metadata = ["vtj.status": "\(status)", "vtj.bytes": "\(bytes)"]
                done.merge(phases.metadata()) { $1 }
                logger.debug("VTJ call done", metadata: done)
                report(CallRecord(operation: operation, status: status, duration: elapsed, willRetry: false, hetus: call.hetuCount))
                return value
            case .failed(let failed, let status):
                outcome = failed
                if let status { logger[metadataKey: "vtj.status"] = "\(status)" }
            }
            let decision = state.next(after: outcome, using: &random)
            if case .failed(_, let status) = attempt {
                var willRetry = false
                if case .retry = decision { willRetry = true }
                report(CallRecord(operation: operation, status: status, duration: elapsed, willRetry: willRetry, hetus: call.hetuCount))
            }
            switch decision {
            case .succeed:
                // A 2xx is parsed above; the machine only says succeed for outcomes it was never given.
                throw VTJClientError.unexpectedResponse(operation, detail: "success without a body", messageID: messageID)
            case .retry(let wait, let reason):
                counters.withLock { $0.retries += 1 }
                logger.warning("VTJ call failed, retrying", metadata: [
                    "vtj.reason": "\(reason)", "vtj.wait-ms": "\(wait.wholeMilliseconds)",
                ])
                do { try await sleeper(wait) } catch { throw VTJClientError.cancelled }
            case .fail(let failure):
                let error = VTJClientError(failure, operation: operation, messageID: messageID)
                logger.error("VTJ call failed", metadata: ["vtj.error": "\(error)"])
                throw error
            }
        }
    }

    private func report(_ record: CallRecord) {
        observer.withLock { $0 }?(record)
    }

    /// One attempt on a worker thread: spool the body to the worker's unlinked temp file (at most
    /// ``VTJClientConfiguration/maxResponseBytes``), then classify or parse.
    private func attempt<T: Sendable>(
        _ request: HTTPRequest,
        messageID: String,
        documentName: String,
        handle: CurlHandle,
        cancellation: CancellationFlag,
        queuedSince: ContinuousClock.Instant,
        parse: @Sendable (ResponseBody) throws -> T
    ) throws -> Attempt<T> {
        let started = ContinuousClock.now
        let spool = try spoolFile(of: handle)
        defer { spool.release() }
        guard spool.rewind() else {
            throw VTJClientError.configuration("cannot rewind the response spool in \(spool.directory) (errno \(errno)); check the temporary directory")
        }
        let fd = spool.fileDescriptor
        let head: HTTPResponseHead
        do {
            head = try handle.perform(request, writingBodyTo: fd, cancellation: cancellation)
        } catch {
            counters.withLock { $0.attempts += 1 }
            if error == .cancelled { throw error }
            return .failed(.transport(error.problem, detail: error.description), status: nil)
        }
        counters.withLock {
            $0.attempts += 1
            $0.newConnections += head.newConnections
            $0.bodyBytes += head.bodyBytes
        }
        // The spool is reused: the readers read to its end, which must be this body's.
        guard spool.trim(to: head.bodyBytes) else {
            return .failed(.transport(.other, detail: "cannot cut the spooled body to its length (errno \(errno))"), status: head.status)
        }
        let body = ResponseBody(fileDescriptor: fd, size: head.bodyBytes, documentName: documentName, messageID: messageID)
        if let fault = wire.fault(status: head.status, headers: head, body: { body.readPrefix(limit: 64 * 1024) }) {
            return .failed(redacted(.gateway(fault)), status: head.status)
        }
        let echo = head.header("X-Request-Id")
        if echo == nil { counters.withLock { $0.missingEchoes += 1 } }
        guard (200...299).contains(head.status) else {
            let virhe = wire.errorDetail(status: head.status, body: body.readPrefix(limit: 64 * 1024))
            return .failed(redacted(.httpStatus(head.status, retryAfter: head.header("Retry-After"), virhe: virhe)),
                           status: head.status)
        }
        if let echo, echo != messageID {
            // Another request's answer (a confused proxy): never hand it on.
            return .failed(.transport(.other, detail: "response echoed X-Request-Id \(echo)"), status: head.status)
        }
        if let problem = wire.contentTypeProblem(head.header("Content-Type")) {
            return .failed(.unreadableBody(problem), status: head.status)
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else {
            return .failed(.transport(.other, detail: "cannot rewind the spooled body (errno \(errno))"), status: head.status)
        }
        do {
            let parseStarted = ContinuousClock.now
            let value = try parse(body)
            let phases = AttemptPhases(queued: started - queuedSince, timing: head.timing,
                                       newConnections: head.newConnections, parse: ContinuousClock.now - parseStarted)
            return .value(value, status: head.status, bytes: head.bodyBytes, phases: phases)
        } catch let error as ConsumerFailure {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch let failure as WireAnswerFailure {
            // A fault or return code read from a 200 body (the SOAP wire).
            return .failed(redacted(failure.outcome), status: head.status)
        } catch {
            return .failed(redacted(.unreadableBody("\(error)")), status: head.status)
        }
    }

    /// The worker's spool file (``SpoolFile``), made on its first attempt.
    private func spoolFile(of handle: CurlHandle) throws -> SpoolFile {
        if let spool = handle.spool, spool.directory == configuration.temporaryDirectory { return spool }
        let spool = try SpoolFile(directory: configuration.temporaryDirectory)
        handle.spool = spool
        return spool
    }
}
