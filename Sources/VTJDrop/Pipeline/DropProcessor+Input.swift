import Foundation
import Glibc
import VTJCore

/// The claimed input changed after the claim: its writer still writes (an open descriptor follows
/// the file into the work folder). Nothing is published from it; it is read again, whole, once quiet.
struct InputChanging: Error, CustomStringConvertible {
    let description: String
    /// When to look again, from now.
    let retryIn: Duration
}

extension DropProcessor {
    /// The settle period, at least a second: how long a changed input must stay quiet.
    var quietPeriod: Duration { max(.seconds(1), appliance.configuration.intake.settle) }

    /// Reads the claimed input, refusing to use bytes that may not be its final content.
    ///
    /// Unchanged since the claim: read at once (the fast path). Changed since the claim, or resumed
    /// after a restart (its claim stamp is unknown): read only once it has been quiet for the settle
    /// period by its change time, which the kernel sets on every write. Changed while being read:
    /// not used.
    func readStable(_ claimed: ClaimedFile) throws -> (bytes: [UInt8], stamp: InputStamp) {
        guard let before = claimed.currentStamp() else {
            throw IntakeError.system(operation: "inspecting", path: claimed.path, errno: errno)
        }
        if before != claimed.claimStamp {
            let quiet = Duration.nanoseconds(before.quietFor(nowNanoseconds: Self.realTimeNanoseconds()))
            if quiet < quietPeriod {
                throw InputChanging(
                    description: "the file was still being written after it was claimed; it is read again, whole, once unchanged for \(quietPeriod.wholeSecondsUp) s",
                    retryIn: max(.milliseconds(500), quietPeriod - max(.zero, quiet)))
            }
        }
        let bytes = try claimed.readAll(limit: appliance.configuration.intake.maxFileBytes)
        guard let after = claimed.currentStamp(), after == before, Int64(bytes.count) == after.size else {
            throw InputChanging(description: "the file changed while it was read; it is read again, whole, once unchanged",
                                retryIn: quietPeriod)
        }
        return (bytes, after)
    }

    /// Throws ``InputChanging`` when the input is no longer what was read: called before anything
    /// is published, so a result never stands for a file that went on growing.
    func ensureInputUnchanged(_ context: DropContext) throws {
        guard let read = context.inputStamp else { return }
        if context.claimed.currentStamp() != read {
            throw InputChanging(description: "the file changed after it was read; nothing was published from it, it is read again, whole, once unchanged",
                                retryIn: quietPeriod)
        }
    }

    /// The kernel's wall clock, which sets file change times (not the injected clock: tests move that one).
    static func realTimeNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
