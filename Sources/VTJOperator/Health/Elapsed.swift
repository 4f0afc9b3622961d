import Foundation

/// A span of time as people read it on the page and in probe answers: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
public struct Elapsed: CustomStringConvertible, Hashable, Sendable {
    /// Whole seconds (never negative: a clock that stepped back shows `0 s`).
    public let seconds: Int

    public init(seconds: Double) { self.seconds = max(0, Int(seconds.rounded(.down))) }
    public init(from start: Date, to end: Date) { self.init(seconds: end.timeIntervalSince(start)) }
    public init(_ duration: Duration) { self.init(seconds: Double(duration.components.seconds)) }

    public var description: String {
        let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60)
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return minutes > 0 ? "\(hours) h \(minutes) min" : "\(hours) h" }
        if minutes > 0 { return "\(minutes) min" }
        return "\(seconds) s"
    }
}
