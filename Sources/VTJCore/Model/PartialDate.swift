/// A date as the interface sends it: a calendar value plus its precision (`tarkkuus`).
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    /// How much of the date is known; missing parts are `01` on the wire.
    public enum Precision: String, Sendable, Hashable, CaseIterable {
        case day = "PAIVA"
        case month = "KUUKAUSI"
        case year = "VUOSI"
    }

    /// The text exactly as received (`2020-01-31`), kept so nothing is reformatted by accident.
    public let text: String
    public let precision: Precision?

    public init(text: String, precision: Precision?) {
        self.text = text
        self.precision = precision
    }

    public init(_ date: CivilDate, precision: Precision = .day) {
        self.text = date.description
        self.precision = precision
    }

    /// The calendar date, when the text is a real `YYYY-MM-DD` date.
    public var civilDate: CivilDate? { CivilDate(iso: text.prefix(10)) }

    public var description: String { text }
}
