import Foundation
import VTJCore

extension ConfigurationValidator {
    /// `departments.*` validated through VTJCore's profile rules; the examples when no file was given.
    mutating func departments() -> [DepartmentSettings] {
        guard document.isFromFile else { return ConfigurationDefaults.exampleDepartments }
        if document.departmentIDs.isEmpty {
            if !problems.contains(where: { $0.key.hasPrefix("departments") }) {
                problem("departments", "no department configured; add at least one (see examples/vtjdrop.yaml)")
            }
            return []
        }
        var result: [DepartmentSettings] = []
        var seen: Set<String> = []
        for id in document.departmentIDs {
            let base = "departments.\(id)"
            guard seen.insert(id).inserted else { continue }
            guard problems.allSatisfy({ $0.key != base }) else { continue }  // reported as empty already
            let csv = "\(base).csv"
            let draft = DepartmentProfile.Draft(
                id: id,
                purposes: listValue("\(base).purposes"),
                defaultPurpose: string("\(base).default_purpose"),
                groups: listValue("\(base).groups"),
                format: string("\(base).format"),
                delimiter: rawString("\(csv).delimiter"),
                lineEnding: string("\(csv).line_ending"),
                byteOrderMark: optionalBool("\(csv).bom"),
                neutraliseFormulas: optionalBool("\(csv).neutralise_formulas"),
                municipalityWide: optionalBool("\(base).municipality_operations"),
                columns: document.value("\(base).columns").map { _ in listValue("\(base).columns") },
                carryColumns: optionalBool("\(base).carry_columns"))
            let readiness: ReadinessMode = choice("\(base).readiness", default: .settle)
            let language = self.language("\(base).language")
            switch draft.validate(keyPrefix: "departments") {
            case .success(let profile):
                result.append(DepartmentSettings(profile: profile, readiness: readiness, language: language))
            case .failure(let failure):
                for found in failure.problems {
                    problems.append(ConfigurationProblem(keyPath: found.key, message: found.message, line: line(for: found.key)))
                }
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    /// `fi` or `sv` (Finnish when not given).
    private mutating func language(_ keyPath: String) -> Language {
        guard let value = document.value(keyPath), let text = value.scalar else { return .finnish }
        if let chosen = Language(rawValue: text.lowercased()), Language.departmentChoices.contains(chosen) { return chosen }
        problem(keyPath, "\"\(text)\" is not fi or sv (the language of the department's receipts)")
        return .finnish
    }

    private mutating func listValue(_ keyPath: String) -> [String] {
        document.value(keyPath)?.list.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
    }

    /// A string kept exactly (a tab delimiter must survive).
    private mutating func rawString(_ keyPath: String) -> String? {
        guard let value = document.value(keyPath) else { return nil }
        guard let text = value.scalar else {
            problem(keyPath, "expected a single value, found a list")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    private mutating func optionalBool(_ keyPath: String) -> Bool? {
        document.value(keyPath) == nil ? nil : bool(keyPath, default: false)
    }

    /// The YAML line of a key path reported by VTJCore (`departments.x.groups[2]` → the `groups` line).
    private func line(for key: String) -> Int? {
        let plain = key.split(separator: "[").first.map(String.init) ?? key
        if let line = document.value(plain)?.line { return line }
        let parts = plain.split(separator: ".")
        return parts.count >= 2 ? document.departmentLines[String(parts[1])] : nil
    }
}
