import Foundation
import Testing

extension OperatorProcessTests {
    /// The real daemon under a systemd-shaped environment: `NOTIFY_SOCKET` is a datagram socket this
    /// test binds, `WATCHDOG_USEC` asks for pings. What systemd would hear, in order.
    @Suite(.serialized) struct SystemdNotifyDaemonTests {
        @Test func readyStatusWatchdogAndStoppingReachTheSocket() async throws {
            let socket = try NotifySocket()
            defer { socket.close() }
            let daemon = try OperatorDaemon(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])
            let ready = await Self.receive(socket)
            #expect(ready?.hasPrefix("READY=1\nSTATUS=serving; gate open; backlog 0") == true, "\(ready ?? "nothing"): \(daemon.log)")
            // At half the watchdog interval: a status line, then the ping (the loop turns).
            var heard: [String] = []
            for _ in 0..<6 { if let message = await Self.receive(socket) { heard.append(message) } }
            #expect(heard.contains("WATCHDOG=1"), "\(heard)")
            #expect(heard.contains { $0.hasPrefix("STATUS=serving; gate open; backlog") }, "\(heard)")
            daemon.process.terminate()
            // Status lines and pings sent meanwhile are queued before it (many, on a loaded machine).
            var stopping: String?
            while stopping == nil, let message = await Self.receive(socket) {
                if message.hasPrefix("STOPPING=1") { stopping = message }
            }
            #expect(stopping?.contains("STATUS=stopping") == true, "\(stopping ?? "no STOPPING=1")")
            #expect(await daemon.stop() == 0)
            #expect(daemon.log.contains("stop requested (SIGTERM)"))
        }

        /// A blocking `recv` (10 s at most) on a Dispatch thread, not the cooperative pool.
        static func receive(_ socket: NotifySocket) async -> String? {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: socket.receive()) }
            }
        }
    }
}
