import Foundation
import VTJCore

extension FinnishTime {
    /// The instant a Finnish wall-clock reading an operator typed denotes: `2026-12-07`, `2026-12-07T08:00`,
    /// `2026-12-07 08:00` or `2026-12-07T08:00:30`; nil for anything else.
    package func date(reading text: some StringProtocol) -> Date? {
        let separator = text.firstIndex { $0 == "T" || $0 == " " }
        guard let day = CivilDate(iso: separator.map { text[..<$0] } ?? text[...]) else { return nil }
        var seconds = 0
        if let separator {
            let fields = text[text.index(after: separator)...].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(fields.count),
                  fields.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy { $0 &- 48 < 10 } }) else { return nil }
            let values = fields.compactMap { Int($0) }
            guard values[0] < 24, values[1] < 60, values.count == 2 || values[2] < 60 else { return nil }
            seconds = values[0] * 3600 + values[1] * 60 + (values.count == 3 ? values[2] : 0)
        }
        return instant(for: LocalDateTime(date: day, secondsOfDay: seconds)).date
    }
}
