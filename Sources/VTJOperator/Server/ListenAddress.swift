import Glibc

/// A numeric address and port to listen on: `127.0.0.1:9470`, `[::1]:9470`, `0.0.0.0:9470`, `localhost:9470`.
///
/// Host names other than `localhost` are refused: what a name resolves to can change under the
/// appliance, and whether the endpoint is reachable from elsewhere must be plain in the file.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address (`127.0.0.1`, `::1`, `0.0.0.0`, `localhost`).
    public var host: String
    /// The port (0: any free port, for tests).
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` (IPv6 in brackets); a host alone takes `defaultPort`. The failure says what is wrong.
    public static func parse(_ text: String, defaultPort: Int = OperatorSettings.defaultPort) -> Result<ListenAddress, ListenAddressProblem> {
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return .failure(.init(text: text, reason: "an IPv6 address needs its closing bracket, e.g. [::1]:9470")) }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return .failure(.init(text: text, reason: "expected :port after the bracket")) }
                portText = rest.dropFirst()
            }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        let port: Int
        if let portText {
            guard let number = Int(portText), (0...65535).contains(number) else {
                return .failure(.init(text: text, reason: "\"\(portText)\" is not a port 0…65535"))
            }
            port = number
        } else {
            port = defaultPort
        }
        let name = String(host)
        guard name.lowercased() == "localhost" || isNumeric(name) else {
            return .failure(.init(text: text, reason: "\"\(name)\" is not an IP address; write one (127.0.0.1, ::1, 0.0.0.0) or localhost"))
        }
        return .success(ListenAddress(host: name.lowercased() == "localhost" ? "127.0.0.1" : name, port: port))
    }

    /// Whether only this machine can connect: 127.0.0.0/8 or ::1.
    public var isLoopback: Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// `127.0.0.1:9470`, `[::1]:9470`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The URL a browser on this machine would open.
    public var url: String { "http://\(description)/" }

    private static func isNumeric(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}

/// Why `status.listen` cannot be used.
public struct ListenAddressProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "\"\(text)\": \(reason)" }
}
