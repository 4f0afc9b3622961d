/// The known name nearest to a typo, for messages that say what was probably meant.
public enum NearestName {
    /// The nearest of `known` within an edit distance of 2 (1 for names of up to 4 characters), if any.
    public static func closest(to name: String, in known: [String]) -> String? {
        let limit = name.count <= 4 ? 1 : 2
        let lowered = name.lowercased()
        let scored = known.map { ($0, distance(lowered, $0)) }.filter { $0.1 <= limit }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
