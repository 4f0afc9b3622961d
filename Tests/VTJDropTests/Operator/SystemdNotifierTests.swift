import Foundation
import Testing
import VTJOperator
#if canImport(Glibc)
import Glibc
#endif

/// The notify protocol over a real datagram socket, as systemd listens on `NOTIFY_SOCKET`.
struct SystemdNotifierTests {
    @Test func messagesReachTheSocketOneDatagramEach() throws {
        let socket = try NotifySocket()
        defer { socket.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "4000000"])
        #expect(notifier.isActive)
        #expect(notifier.watchdogInterval == .seconds(4))
        #expect(try notifier.ready(status: "serving; gate open; backlog 0"))
        #expect(try notifier.watchdog())
        #expect(try notifier.stopping(status: "stopping\nnow"))
        #expect(socket.receive() == "READY=1\nSTATUS=serving; gate open; backlog 0")
        #expect(socket.receive() == "WATCHDOG=1")
        let stopping = socket.receive()
        #expect(stopping?.hasPrefix("STOPPING=1\nSTATUS=stopping") == true, "\(stopping ?? "-")")
        #expect(stopping?.split(separator: "\n").count == 2, "a status is one line")
    }

    @Test func outsideSystemdNothingIsSentAndAnotherProcessesWatchdogIsIgnored() throws {
        #expect(!SystemdNotifier(environment: [:]).isActive)
        #expect(try !SystemdNotifier(environment: [:]).ready())
        let other = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"], processID: 4242)
        #expect(other.watchdogInterval == nil)
    }
}

/// A bound `AF_UNIX` datagram socket in a temp folder, read without blocking forever.
final class NotifySocket: @unchecked Sendable {
    let path: String
    let descriptor: Int32

    init() throws {
        // A socket, not a folder, and short: `sun_path` holds 108 bytes, so no TempFolder path under it.
        path = NSTemporaryDirectory() + "vtjdrop-notify-\(UUID().uuidString.prefix(8)).sock"
        descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard descriptor >= 0, bound == 0 else { throw CocoaError(.fileWriteUnknown) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next datagram (nil after 10 s without one). Blocks: call it off the cooperative pool when waiting on another process.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    func close() {
        _ = Glibc.close(descriptor)
        unlink(path)
    }
}
