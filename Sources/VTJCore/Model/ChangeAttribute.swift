/// `muutosattribuutti`: how a record in a change delivery relates to the person's data.
public enum ChangeAttribute: String, Sendable, Hashable, CaseIterable {
    /// A new record (the new current value).
    case added = "LISATTY"
    /// The old record, changed or ended (usually with `loppupv`).
    case changed = "MUUTETTU"
    /// The record was removed.
    case removed = "POISTETTU"
    /// Unchanged context sent along.
    case context = "LISATIETO"
    /// The wrong old value of a correction.
    case toBeCorrected = "KORJATTAVA"
    /// The corrected value.
    case corrected = "KORJATTU"
}
