import VTJCore

extension ConfigurationDocument {
    /// The known key nearest to a typo (edit distance ≤ 2, or 1 for short keys), if any.
    static func closest(to key: String, in known: [String]) -> String? { NearestName.closest(to: key, in: known) }
}
