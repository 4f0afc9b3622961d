import Glibc
import VTJCore

/// New request ids from the real clock and the system's random source.
public enum RequestIDGenerator {
    /// An id for a claim happening now.
    public static func next() -> RequestID {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var generator = SystemRandomNumberGenerator()
        return RequestID(secondsSinceEpoch: Int64(now.tv_sec), random: generator.next())
    }
}
