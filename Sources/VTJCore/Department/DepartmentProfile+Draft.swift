extension DepartmentProfile {
    /// A department as written in the configuration file, before validation (every value as text).
    public struct Draft: Hashable, Sendable {
        public var id: String
        public var purposes: [String]
        public var defaultPurpose: String?
        public var groups: [String]
        public var format: String?
        public var delimiter: String?
        public var lineEnding: String?
        public var byteOrderMark: Bool?
        public var neutraliseFormulas: Bool?
        public var municipalityWide: Bool?
        /// `columns`: a preset name or column names; nil = the default purpose's preset.
        public var columns: [String]?
        /// `carry_columns`; nil = true.
        public var carryColumns: Bool?

        public init(id: String, purposes: [String], defaultPurpose: String? = nil, groups: [String],
                    format: String? = nil, delimiter: String? = nil, lineEnding: String? = nil,
                    byteOrderMark: Bool? = nil, neutraliseFormulas: Bool? = nil, municipalityWide: Bool? = nil,
                    columns: [String]? = nil, carryColumns: Bool? = nil) {
            self.id = id
            self.purposes = purposes
            self.defaultPurpose = defaultPurpose
            self.groups = groups
            self.format = format
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.byteOrderMark = byteOrderMark
            self.neutraliseFormulas = neutraliseFormulas
            self.municipalityWide = municipalityWide
            self.columns = columns
            self.carryColumns = carryColumns
        }

        /// The profile, or every problem found, each naming its key under `keyPrefix.<id>`.
        ///
        /// YAML keys used in messages: `purposes`, `default_purpose`, `groups`, `format`,
        /// `csv.delimiter`, `csv.line_ending`.
        public func validate(keyPrefix: String = "departments") -> Result<DepartmentProfile, ConfigurationProblems> {
            let base = keyPrefix.isEmpty ? id : "\(keyPrefix).\(id)"
            var problems: [ConfigurationProblem] = []
            func problem(_ key: String, _ message: String) {
                problems.append(ConfigurationProblem(key: key.isEmpty ? base : "\(base).\(key)", message: message))
            }

            if !DepartmentProfile.isValidID(id) {
                problem("", "department id \"\(id)\" must be 1-64 characters a-z, 0-9, '-' or '_', starting with a letter or digit (it is a folder name)")
            }

            var purposes: [Purpose] = []
            if self.purposes.isEmpty { problem("purposes", "no purpose given; list at least one of the product's purposes") }
            for (index, text) in self.purposes.enumerated() {
                switch Purpose.parse(text) {
                case .success(let purpose):
                    if purposes.contains(purpose) {
                        problem("purposes[\(index)]", "\"\(text)\" is listed twice; remove the duplicate")
                    } else {
                        purposes.append(purpose)
                    }
                case .failure(let rejection):
                    problem("purposes[\(index)]", rejection.description)
                }
            }

            var defaultPurpose: Purpose?
            if let text = self.defaultPurpose {
                switch Purpose.parse(text) {
                case .success(let purpose) where purposes.contains(purpose): defaultPurpose = purpose
                case .success:
                    problem("default_purpose", "\"\(text)\" is not among this department's purposes; add it to purposes or choose one of them")
                case .failure(let rejection):
                    problem("default_purpose", rejection.description)
                }
            } else if purposes.count == 1 {
                defaultPurpose = purposes[0]
            } else if purposes.count > 1 {
                problem("default_purpose", "missing; with several purposes, name the one used for plain henkilötunnus lists")
            }

            var groups: [GroupName] = []
            if self.groups.isEmpty { problem("groups", "no data group given; list the groups this department may receive") }
            for (index, text) in self.groups.enumerated() {
                let name = GroupName(text.trimmingBlanks().uppercased())
                if !name.isProductGroup {
                    problem("groups[\(index)]", "\"\(text)\" is not a group of the product; use one of the seed's section 5 (e.g. HENKILON_NIMI, KOTIKUNTA)")
                } else if groups.contains(name) {
                    problem("groups[\(index)]", "\"\(text)\" is listed twice; remove the duplicate")
                } else {
                    groups.append(name)
                }
            }
            if groups.contains(.uskontokuntalaji), !purposes.isEmpty,
               Purpose.religionPurposes.isDisjoint(with: purposes)
            {
                let index = self.groups.firstIndex { $0.trimmingBlanks().uppercased() == GroupName.uskontokuntalaji.rawValue } ?? 0
                problem("groups[\(index)]", "USKONTOKUNTALAJI may only be used for perusopetus or lukiokoulutus (seed section 7); remove it or license one of those purposes")
            }

            var format = OutputFormat.csv
            if let text = self.format {
                if let parsed = OutputFormat(rawValue: text.trimmingBlanks().lowercased()) { format = parsed } else {
                    problem("format", "\"\(text)\" is not a result format; use csv, xlsx or xml")
                }
            }

            var dialect = CSVDialect.standard
            if let text = delimiter {
                let normalised = text == "\\t" || text.lowercased() == "tab" ? "\t" : text
                if normalised.count == 1, let char = normalised.first, CSVDialect.allowedDelimiters.contains(char) {
                    dialect.delimiter = char
                } else {
                    problem("csv.delimiter", "\"\(text)\" is not a usable delimiter; use one of ; , | or tab")
                }
            }
            if let text = lineEnding {
                if let ending = CSVDialect.LineEnding(rawValue: text.trimmingBlanks().lowercased()) {
                    dialect.lineEnding = ending
                } else {
                    problem("csv.line_ending", "\"\(text)\" is not a line ending; use crlf or lf")
                }
            }
            if let byteOrderMark { dialect.byteOrderMark = byteOrderMark }
            if let neutraliseFormulas { dialect.neutraliseFormulas = neutraliseFormulas }

            var layout: ColumnLayout?
            if let columns {
                switch ColumnLayout.resolve(columns, groups: groups) {
                case .success(let resolved): layout = resolved
                case .failure(let found): problem(found.index.map { "columns[\($0)]" } ?? "columns", found.message)
                }
            } else if let defaultPurpose {
                layout = DepartmentProfile.defaultLayout(purpose: defaultPurpose, groups: groups)
            }

            guard problems.isEmpty, let defaultPurpose else { return .failure(ConfigurationProblems(problems)) }
            return .success(DepartmentProfile(
                id: id, purposes: purposes, defaultPurpose: defaultPurpose, groups: groups, format: format,
                csv: dialect, municipalityWide: municipalityWide ?? false, layout: layout,
                carryColumns: carryColumns ?? true))
        }
    }

    /// Validates every department at once (duplicate ids included); all problems or all profiles.
    public static func validate(_ drafts: [Draft], keyPrefix: String = "departments")
        -> Result<[DepartmentProfile], ConfigurationProblems>
    {
        var problems: [ConfigurationProblem] = []
        var profiles: [DepartmentProfile] = []
        var seen: Set<String> = []
        if drafts.isEmpty {
            problems.append(ConfigurationProblem(key: keyPrefix, message: "no department configured; add at least one"))
        }
        for draft in drafts {
            if !seen.insert(draft.id).inserted {
                problems.append(ConfigurationProblem(key: "\(keyPrefix).\(draft.id)", message: "department id is configured twice; ids must be unique"))
            }
            switch draft.validate(keyPrefix: keyPrefix) {
            case .success(let profile): profiles.append(profile)
            case .failure(let found): problems += found.problems
            }
        }
        return problems.isEmpty ? .success(profiles) : .failure(ConfigurationProblems(problems))
    }

    /// A folder-safe id: 1–64 of `a-z 0-9 - _`, not starting with `-` or `_`.
    public static func isValidID(_ id: String) -> Bool {
        guard (1...64).contains(id.unicodeScalars.count), let first = id.unicodeScalars.first else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        return id.unicodeScalars.allSatisfy(allowed) && first != "-" && first != "_"
    }
}
