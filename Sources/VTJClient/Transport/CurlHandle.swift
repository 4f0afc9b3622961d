import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// One libcurl easy handle; reused across calls so connections are kept alive.
///
/// Not thread-safe: one handle belongs to one worker at a time. `curl_easy_reset` between calls
/// clears the options but keeps the handle's connection cache, which is what makes reuse work.
public final class CurlHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Phase times of the last transfer, also when it failed (how far it got: name, TCP, TLS).
    public private(set) var lastTiming = HTTPTiming()
    /// This handle's scratch file for bodies, made on first use and kept with the handle, which one
    /// worker uses at a time (``SpoolFile``).
    var spool: SpoolFile?
    /// Called on the handle's thread as each transfer ends (answer in, or failed), before the
    /// caller reads the body: ``CurlWorkerPool`` counts the transfers under way at the upstream.
    var afterTransfer: (() -> Void)?

    /// A new handle (libcurl is initialised once per process).
    public init() throws(HTTPTransportError) {
        CurlHandle.initialiseOnce
        guard let handle = curl_easy_init() else { throw .setup("curl_easy_init failed") }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: vtj_curl_error_size() + 1)
        errorBuffer.initialize(repeating: 0, count: vtj_curl_error_size() + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    private static let initialiseOnce: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    /// Performs one request and collects the status, headers and body in memory.
    public func perform(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        let sink = ResponseSink(fileDescriptor: nil, limit: request.maxBodyBytes)
        let head = try perform(request, sink: sink, cancellation: nil)
        return HTTPResponse(status: head.status, headers: head.headers, body: sink.body,
                            newConnections: head.newConnections)
    }

    /// Performs one request, writing the body to `fileDescriptor` as it arrives (never held in memory).
    ///
    /// A transfer that ends before the announced length (Content-Length lie, cut chunked body)
    /// fails with curl error 18; `cancellation` aborts a running transfer within about a second.
    public func perform(
        _ request: HTTPRequest,
        writingBodyTo fileDescriptor: Int32,
        cancellation: CancellationFlag? = nil
    ) throws(HTTPTransportError) -> HTTPResponseHead {
        try perform(request, sink: ResponseSink(fileDescriptor: fileDescriptor, limit: request.maxBodyBytes), cancellation: cancellation)
    }

    private func perform(
        _ request: HTTPRequest, sink: ResponseSink, cancellation: CancellationFlag?
    ) throws(HTTPTransportError) -> HTTPResponseHead {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        let flag = cancellation.map { Unmanaged.passRetained($0) }
        defer { flag?.release() }

        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers {
            headers = curl_slist_append(headers, "\(name): \(value)")
        }
        defer { curl_slist_free_all(headers) }

        var requestBody = request.body
        let code: CURLcode = requestBody.withUnsafeMutableBufferPointer { body in
            var status = vtj_curl_setopt_string(handle, CURLOPT_URL, request.url)
            func set(_ next: CURLcode) { if status == CURLE_OK { status = next } }
            set(vtj_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
            set(vtj_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            set(vtj_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            set(vtj_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds))
            set(vtj_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, request.totalTimeoutMilliseconds))
            set(vtj_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers))
            if request.method == "POST" {
                set(vtj_curl_setopt_long(handle, CURLOPT_POST, 1))
                set(vtj_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, body.baseAddress))
                set(vtj_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            } else {
                set(vtj_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
            }
            if let credentials = request.credentials {
                // Given as options, never in the URL, so they cannot show up in libcurl's error text.
                set(vtj_curl_setopt_long(handle, CURLOPT_HTTPAUTH, vtj_curlauth_basic()))
                set(vtj_curl_setopt_string(handle, CURLOPT_USERNAME, credentials.user))
                set(vtj_curl_setopt_string(handle, CURLOPT_PASSWORD, credentials.password))
            }
            set(applyTLS(request.tls))
            set(vtj_curl_setopt_write_function(handle) { data, size, count, context in
                let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
                return sink.write(data, size * count)
            })
            set(vtj_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque()))
            set(vtj_curl_setopt_header_function(handle) { data, size, count, context in
                let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                if let data {
                    // Returning less than the length stops the transfer (CURLE_WRITE_ERROR).
                    guard sink.addHeaderLine(String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)) else {
                        return 0
                    }
                }
                return length
            })
            set(vtj_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque()))
            if let flag {
                set(vtj_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
                set(vtj_curl_setopt_progress_function(handle) { context, _, _, _, _ in
                    let flag = Unmanaged<CancellationFlag>.fromOpaque(context!).takeUnretainedValue()
                    return flag.isCancelled ? 1 : 0
                })
                set(vtj_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, flag.toOpaque()))
            }
            guard status == CURLE_OK else { return status }
            return curl_easy_perform(handle)
        }
        afterTransfer?()
        var connects = 0
        _ = vtj_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        lastTiming = timing()
        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK, cancellation?.isCancelled == true { throw .cancelled }
            if code == CURLE_WRITE_ERROR, let errno = sink.writeErrno { throw .bodyWrite(errno: errno) }
            if code == CURLE_WRITE_ERROR, sink.exceededLimit { throw .bodyTooLarge(limit: request.maxBodyBytes) }
            let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            throw .transfer(code: Int(code.rawValue), reason: detail)
        }
        var status = 0
        _ = vtj_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var head = HTTPResponseHead(status: status, headers: sink.headers, bodyBytes: sink.bytesWritten,
                                    newConnections: connects)
        head.timing = lastTiming
        return head
    }

    /// libcurl's phase times of the last transfer.
    private func timing() -> HTTPTiming {
        func seconds(_ info: CURLINFO) -> Double {
            var value = 0.0
            _ = vtj_curl_getinfo_double(handle, info, &value)
            return value
        }
        var timing = HTTPTiming()
        timing.nameLookup = seconds(CURLINFO_NAMELOOKUP_TIME)
        timing.connect = seconds(CURLINFO_CONNECT_TIME)
        timing.tlsHandshake = seconds(CURLINFO_APPCONNECT_TIME)
        timing.firstByte = seconds(CURLINFO_STARTTRANSFER_TIME)
        timing.total = seconds(CURLINFO_TOTAL_TIME)
        var address: UnsafeMutablePointer<CChar>?
        if vtj_curl_getinfo_string(handle, CURLINFO_PRIMARY_IP, &address) == CURLE_OK, let address {
            let text = String(cString: address)
            timing.remoteAddress = text.isEmpty ? nil : text
        }
        return timing
    }

    private func applyTLS(_ tls: TLSOptions) -> CURLcode {
        var status = CURLE_OK
        func set(_ next: CURLcode) { if status == CURLE_OK { status = next } }
        // Peer and host verification stay on (libcurl's default); only the trust anchors change.
        if let path = tls.caBundlePath { set(vtj_curl_setopt_string(handle, CURLOPT_CAINFO, path)) }
        if let path = tls.clientCertificatePath {
            set(vtj_curl_setopt_string(handle, CURLOPT_SSLCERT, path))
            set(vtj_curl_setopt_string(handle, CURLOPT_SSLCERTTYPE, "PEM"))
        }
        if let path = tls.clientKeyPath {
            set(vtj_curl_setopt_string(handle, CURLOPT_SSLKEY, path))
            set(vtj_curl_setopt_string(handle, CURLOPT_SSLKEYTYPE, "PEM"))
        }
        if let password = tls.clientKeyPassword { set(vtj_curl_setopt_string(handle, CURLOPT_KEYPASSWD, password)) }
        return status
    }
}
