#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// TCP sockets on 127.0.0.1: a listener on a port the kernel picks, a port nothing listens on, a
/// port held that refuses connections, and whether something listens yet.
public enum LoopbackSocket {
    /// A socket call failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// A listening socket on an ephemeral loopback port; the caller owns (and closes) the descriptor.
    public static func makeListener(backlog: Int32 = 64) throws -> (descriptor: Int32, port: Int) {
        let fd = try newSocket()
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard let port = bindEphemeral(fd), listen(fd, backlog) == 0 else {
            close(fd)
            throw Failure("bind/listen on 127.0.0.1 failed")
        }
        return (fd, port)
    }

    /// A loopback port nothing listens on now (the kernel's pick, released at once).
    public static func freePort() throws -> Int {
        let fd = try newSocket()
        defer { close(fd) }
        guard let port = bindEphemeral(fd) else { throw Failure("no free loopback port") }
        return port
    }

    /// A loopback port held bound but not listening, so a connection to it is refused for as long as
    /// the caller keeps the descriptor (and closes it). A port merely released (``freePort()``, a
    /// stopped server) can be taken meanwhile by a server another test starts, which then answers.
    public static func refusingPort() throws -> (descriptor: Int32, port: Int) {
        // No SO_REUSEADDR: a later bind, with or without it, cannot share the port while this holds it.
        let fd = try newSocket()
        guard let port = bindEphemeral(fd) else {
            close(fd)
            throw Failure("no free loopback port")
        }
        return (fd, port)
    }

    /// Whether a connection to `port` on 127.0.0.1 is accepted now.
    public static func isListening(_ port: Int) -> Bool {
        guard let fd = try? newSocket() else { return false }
        defer { close(fd) }
        return connectLoopback(fd, port: port)
    }

    /// Connects `fd` to `port` on 127.0.0.1.
    public static func connectLoopback(_ fd: Int32, port: Int) -> Bool {
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A new TCP socket.
    public static func newSocket() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket() failed") }
        return fd
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Binds `fd` to 127.0.0.1 on a port the kernel picks and returns that port.
    private static func bindEphemeral(_ fd: Int32) -> Int? {
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
