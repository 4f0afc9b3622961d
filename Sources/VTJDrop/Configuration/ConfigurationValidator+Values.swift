import Foundation

extension ConfigurationValidator {
    /// The value as one string, or a problem when a list was given.
    mutating func scalar(_ keyPath: String, _ value: ConfigurationValue) -> String? {
        guard let text = value.scalar else {
            problem(keyPath, "expected a single value, found a list")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        return trimmed
    }

    /// An optional string.
    mutating func string(_ keyPath: String) -> String? {
        guard let value = document.value(keyPath) else { return nil }
        return scalar(keyPath, value)
    }

    /// An absolute, standardised folder path; relative paths resolve against the file's folder (flags: the working directory).
    mutating func path(_ keyPath: String, default fallback: String) -> String {
        let value = document.value(keyPath)
        let text = value.flatMap { scalar(keyPath, $0) } ?? fallback
        let base = value?.baseDirectory ?? document.baseDirectory ?? workingDirectory
        return Self.absolute(text, base: base, workingDirectory: workingDirectory)
    }

    /// A file that must exist and be readable, when configured.
    mutating func existingFile(_ keyPath: String) -> String? {
        guard let value = document.value(keyPath), let text = scalar(keyPath, value) else { return nil }
        let path = Self.absolute(text, base: value.baseDirectory, workingDirectory: workingDirectory)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
            problem(keyPath, "\(path) does not exist or is not a file")
            return nil
        }
        if !FileManager.default.isReadableFile(atPath: path) {
            problem(keyPath, "\(path) is not readable by this user")
            return nil
        }
        return path
    }

    /// An integer in a range.
    mutating func integer(_ keyPath: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let value = document.value(keyPath), let text = scalar(keyPath, value) else { return fallback }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
            problem(keyPath, "\"\(text)\" is not a whole number")
            return fallback
        }
        guard range.contains(number) else {
            problem(keyPath, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
            return fallback
        }
        return number
    }

    /// Seconds as a plain number (decimals allowed), with an optional `s` / `ms` / `min` suffix.
    mutating func seconds(_ keyPath: String, default fallback: Double, range: ClosedRange<Double>) -> Duration {
        let fallbackDuration = Duration.milliseconds(Int64(fallback * 1000))
        guard let value = document.value(keyPath), let text = scalar(keyPath, value) else { return fallbackDuration }
        let lowered = text.lowercased()
        var number = lowered
        var scale = 1.0
        for (suffix, factor) in [("ms", 0.001), ("min", 60.0), ("s", 1.0)] where lowered.hasSuffix(suffix) {
            number = String(lowered.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = factor
            break
        }
        guard let parsed = Double(number), parsed.isFinite else {
            problem(keyPath, "\"\(text)\" is not a number of seconds")
            return fallbackDuration
        }
        let secondsValue = parsed * scale
        guard range.contains(secondsValue) else {
            problem(keyPath, "\(text) is outside \(Self.format(range.lowerBound))…\(Self.format(range.upperBound)) seconds")
            return fallbackDuration
        }
        return .milliseconds(Int64((secondsValue * 1000).rounded()))
    }

    /// A byte count: a whole number, optionally with `K`, `M` or `G` (binary: 1 K = 1024).
    mutating func byteCount(_ keyPath: String, default fallback: Int64) -> Int64 {
        guard let value = document.value(keyPath), let text = scalar(keyPath, value) else { return fallback }
        var digits = text.uppercased().replacingOccurrences(of: "_", with: "")
        var factor: Int64 = 1
        for (suffix, multiplier) in [("KIB", 1 << 10), ("MIB", 1 << 20), ("GIB", 1 << 30), ("KB", 1 << 10), ("MB", 1 << 20),
                                     ("GB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)] as [(String, Int64)]
            where digits.hasSuffix(suffix) {
            digits = String(digits.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            factor = multiplier
            break
        }
        guard let number = Int64(digits), number > 0, number <= (Int64(1) << 40) / factor else {
            problem(keyPath, "\"\(text)\" is not a positive size in bytes (e.g. 67108864 or 64M)")
            return fallback
        }
        return number * factor
    }

    /// true/false (also yes/no, on/off).
    mutating func bool(_ keyPath: String, default fallback: Bool) -> Bool {
        guard let value = document.value(keyPath), let text = scalar(keyPath, value) else { return fallback }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(keyPath, "\"\(text)\" is not true or false")
            return fallback
        }
    }

    /// One of an enum's raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ keyPath: String, default fallback: Choice) -> Choice
    where Choice.RawValue == String {
        guard let value = document.value(keyPath), let text = scalar(keyPath, value) else { return fallback }
        if let chosen = Choice(rawValue: text.lowercased()) { return chosen }
        let names = Choice.allCases.map(\.rawValue)
        let list = names.count == 2 ? "\(names[0]) or \(names[1])"
            : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        problem(keyPath, "\"\(text)\" is not \(list)")
        return fallback
    }

    static func absolute(_ path: String, base: String, workingDirectory: String) -> String {
        var full = path
        if full == "~" || full.hasPrefix("~/") { full = NSHomeDirectory() + full.dropFirst() }
        if !full.hasPrefix("/") {
            let root = base.hasPrefix("/") ? base : workingDirectory + "/" + base
            full = root + "/" + full
        }
        return (full as NSString).standardizingPath
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
