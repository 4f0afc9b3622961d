import Foundation
import Testing
@testable import VTJDrop

/// The aside thread's work runs on a thread the kernel knows by name, so an operator's `top -H` or
/// gdb shows a long parse as vtjdrop-read (a name given before `start()` never reached the kernel).
@Suite struct AsideThreadTests {
    @Test func workRunsOnAThreadTheKernelKnowsAsVtjdropRead() async throws {
        let name = try await AsideThread.run {
            try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(name == "vtjdrop-read")
    }

    @Test func theWorksErrorReachesTheCaller() async {
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await AsideThread.run { () throws -> Int in throw Refused() } }
    }
}
