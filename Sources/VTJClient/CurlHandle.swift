import CCurl

/// One libcurl easy handle; reused across calls so connections are kept alive.
///
/// Not thread-safe: one handle belongs to one task at a time.
public final class CurlHandle {
    private let handle: UnsafeMutableRawPointer

    /// A new handle (libcurl is initialised once per process).
    public init() throws(HTTPTransportError) {
        CurlHandle.initialiseOnce
        guard let handle = curl_easy_init() else { throw .setup("curl_easy_init failed") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    private static let initialiseOnce: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    /// Performs one request and collects the status, headers and body in memory.
    public func perform(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        curl_easy_reset(handle)
        let sink = ResponseSink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }

        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers {
            headers = curl_slist_append(headers, "\(name): \(value)")
        }
        defer { curl_slist_free_all(headers) }

        var requestBody = request.body
        let code: CURLcode = requestBody.withUnsafeMutableBufferPointer { body in
            var status = vtj_curl_setopt_string(handle, CURLOPT_URL, request.url)
            func set(_ next: CURLcode) { if status == CURLE_OK { status = next } }
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
            set(vtj_curl_setopt_write_function(handle) { data, size, count, context in
                let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                if let data { sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
                return length
            })
            set(vtj_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque()))
            set(vtj_curl_setopt_header_function(handle) { data, size, count, context in
                let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
                let length = size * count
                if let data {
                    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                    sink.addHeaderLine(line)
                }
                return length
            })
            set(vtj_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque()))
            guard status == CURLE_OK else { return status }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            throw .transfer(code: Int(code.rawValue), reason: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        _ = vtj_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }
}

/// Collects what libcurl hands over during one transfer.
private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(String, String)] = []

    func addHeaderLine(_ line: String) {
        // A new status line (after a 100 Continue, for example) starts a fresh header block.
        if line.hasPrefix("HTTP/") { headers.removeAll(); return }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingBlanks()
        let value = line[line.index(after: colon)...].trimmingBlanks()
        headers.append((name, value))
    }
}

extension StringProtocol {
    func trimmingBlanks() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" || first == "\n" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "\n" { text.removeLast() }
        return String(text)
    }
}
