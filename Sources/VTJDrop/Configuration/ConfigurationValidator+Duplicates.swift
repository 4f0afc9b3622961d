extension ConfigurationValidator {
    /// `duplicates.window`: `24h` (default), `90m`, `2d`, or `0` (off). Repeats are found among the
    /// archived inputs, so a window longer than `retention.archive_days` only warns.
    mutating func duplicateWindow(archiveDays: Int) -> Duration {
        let fallback = Duration.seconds(24 * 3600)
        guard let value = document.value("duplicates.window"), let text = scalar("duplicates.window", value) else { return fallback }
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        var number = lowered
        var scale = 3600.0
        for (suffix, factor) in [("m", 60.0), ("h", 3600.0), ("d", 86_400.0)] where lowered.hasSuffix(suffix) {
            number = String(lowered.dropLast()).trimmingCharacters(in: .whitespaces)
            scale = factor
        }
        guard let amount = Double(number), amount.isFinite, amount >= 0, amount * scale <= 366 * 86_400 else {
            problem("duplicates.window", "\"\(text)\" is not a window; write e.g. 24h, 90m or 2d (at most a year), or 0 to turn repeat detection off")
            return fallback
        }
        let seconds = amount * scale
        if seconds > Double(archiveDays) * 86_400 {
            warnings.append(.init(keyPath: "duplicates.window", message: "repeats are found among archived inputs, which are kept "
                                  + "\(archiveDays) days (retention.archive_days); older repeats go unnoticed", line: value.line))
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}
