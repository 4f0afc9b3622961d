import Glibc
import VTJCore

/// systemd's notify protocol (`sd_notify(3)`) in plain Swift: one datagram per message to the
/// socket named by `NOTIFY_SOCKET`, so no libsystemd is linked.
///
/// Outside systemd (no `NOTIFY_SOCKET`) every call does nothing and returns false, so the daemon
/// calls it unconditionally. A path starting with `@` is a socket in the abstract namespace.
public struct SystemdNotifier: Sendable {
    /// The socket from `NOTIFY_SOCKET`, nil when not started by systemd with `Type=notify`.
    public let socketPath: String?
    /// How often systemd expects `WATCHDOG=1` (`WATCHDOG_USEC`), nil when no watchdog is set
    /// for this process (`WatchdogSec=` unset, or `WATCHDOG_PID` names another process).
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String], processID: Int32 = getpid()) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        if path != nil, let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0,
           environment["WATCHDOG_PID"].map({ Int32($0) == processID }) ?? true {
            watchdogInterval = .microseconds(microseconds)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether systemd listens (`NOTIFY_SOCKET` is set).
    public var isActive: Bool { socketPath != nil }

    /// `READY=1`: startup is finished.
    @discardableResult
    public func ready(status: String? = nil) throws(SystemdNotifierError) -> Bool {
        try send(["READY=1"] + (status.map { ["STATUS=" + Self.line($0)] } ?? []))
    }

    /// `STATUS=…`: one line `systemctl status` shows (henkilötunnus masked, line breaks folded).
    @discardableResult
    public func status(_ text: String) throws(SystemdNotifierError) -> Bool { try send(["STATUS=" + Self.line(text)]) }

    /// `WATCHDOG=1`: the service is alive; send it at least every ``watchdogInterval``.
    @discardableResult
    public func watchdog() throws(SystemdNotifierError) -> Bool { try send(["WATCHDOG=1"]) }

    /// `STOPPING=1`: shutdown has begun (SIGTERM), with what is being waited for.
    @discardableResult
    public func stopping(status: String? = nil) throws(SystemdNotifierError) -> Bool {
        try send(["STOPPING=1"] + (status.map { ["STATUS=" + Self.line($0)] } ?? []))
    }

    /// Sends `assignments` (`KEY=value`, one per line) in one datagram; false when systemd does not listen.
    @discardableResult
    public func send(_ assignments: [String]) throws(SystemdNotifierError) -> Bool {
        guard let socketPath else { return false }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(socketPath.utf8)
        // Abstract namespace: a leading NUL instead of `@`, and the length counts only the bytes used.
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity, name.first == UInt8(ascii: "/") || abstract else {
            throw .unusableSocket(socketPath)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: name)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + name.count + (abstract ? 0 : 1))
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .cannotSend(socketPath, errno: errno) }
        defer { close(descriptor) }
        let message = Array(assignments.joined(separator: "\n").utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), target, length) }
            }
        }
        guard sent == message.count else { throw .cannotSend(socketPath, errno: errno) }
        return true
    }

    /// One line, masked: `STATUS=` ends at the first line break.
    static func line(_ text: String) -> String {
        DropFileName.maskingHetus(in: text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}

/// Why a notification could not be sent.
public enum SystemdNotifierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `NOTIFY_SOCKET` is neither an absolute path nor `@name`, or is too long.
    case unusableSocket(String)
    /// The datagram could not be sent.
    case cannotSend(String, errno: Int32)

    public var description: String {
        switch self {
        case .unusableSocket(let path):
            "NOTIFY_SOCKET=\(path) is not an absolute path or @abstract name vtjdrop can use; run it with Type=simple or fix the unit"
        case .cannotSend(let path, let code):
            "cannot notify systemd through \(path): \(String(cString: strerror(code)))"
        }
    }
}
