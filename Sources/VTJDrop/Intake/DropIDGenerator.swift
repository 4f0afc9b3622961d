import Glibc
import VTJCore

/// New drop ids (shown as request ids) from the real clock and the system's random source.
package enum DropIDGenerator {
    /// An id for a claim happening now.
    package static func next() -> DropID {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var generator = SystemRandomNumberGenerator()
        return DropID(secondsSinceEpoch: Int64(now.tv_sec), random: generator.next())
    }
}
