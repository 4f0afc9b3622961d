/// Why a text is not a purpose this product can serve; receipts and configuration errors quote it.
public enum PurposeRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Never allowed by the seed, whatever the configuration says.
    case excluded(String, ExcludedPurpose)
    /// Not in the catalogue of the seed's section 2.
    case unknown(String)

    /// Why, and what to do, from the catalogue.
    public var message: Message {
        switch self {
        case .excluded(let text, let why):
            Message(.refusalPurposeExcluded, ["purpose": .text(text), "why": Message(why.reasonKey).argument])
        case .unknown(let text):
            Message(.refusalPurposeUnknown, ["purpose": .text(text),
                                             "choices": .text(Purpose.allCases.map(\.rawValue).joined(separator: ", "))])
        }
    }

    public var description: String { message.description }

    /// The Finnish wording for receipts.
    public var finnish: String { message.text(.finnish) }
}

/// Uses the seed rules out for this product (sections 1, 2.2 and 2.3).
public enum ExcludedPurpose: String, Sendable, Hashable, CaseIterable {
    case employees
    case customerRegister
    case studentRegister

    /// Ids (and common spellings) that name an excluded use.
    public static let names: [String: ExcludedPurpose] = [
        "henkilosto": .employees, "henkilöstö": .employees, "hr": .employees, "tyontekijat": .employees,
        "työntekijät": .employees, "henkilostohallinto": .employees, "henkilöstöhallinto": .employees,
        "palkanlaskenta": .employees, "palkkahallinto": .employees, "tyonantaja": .employees,
        "asiakasrekisteri": .customerRegister, "asiakasrekisterin-paivitys": .customerRegister,
        "asiakkuus": .customerRegister, "markkinointi": .customerRegister,
        "varhaiskasvatusrekisteri": .studentRegister, "perusopetusrekisteri": .studentRegister,
        "oppilasrekisteri": .studentRegister,
    ]

    /// The reason, from the seed, in the catalogue.
    public var reasonKey: MessageKey {
        switch self {
        case .employees: .excludedEmployees
        case .customerRegister: .excludedCustomerRegister
        case .studentRegister: .excludedStudentRegister
        }
    }

    /// English reason, from the seed.
    public var reason: String { Message(reasonKey).description }

    /// Finnish reason, from the seed.
    public var reasonFinnish: String { Message(reasonKey).text(.finnish) }
}

extension Purpose {
    /// Reads a purpose id: blanks trimmed, case folded; exclusions and unknown ids are rejected.
    public static func parse(_ text: some StringProtocol) -> Result<Purpose, PurposeRejection> {
        let trimmed = text.trimmingBlanks()
        let folded = trimmed.lowercased()
        if let purpose = Purpose(rawValue: folded) { return .success(purpose) }
        let key = folded.replacing(" ", with: "-").replacing("_", with: "-")
        if let excluded = ExcludedPurpose.names[key] ?? ExcludedPurpose.names[folded] {
            return .failure(.excluded(trimmed, excluded))
        }
        if let purpose = Purpose(rawValue: key) { return .success(purpose) }
        return .failure(.unknown(trimmed))
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks (space, tab, CR, LF, no-break space).
    func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\n", "\r\n", "\u{00A0}"]
        var slice = Substring(self)
        while let first = slice.first, blanks.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, blanks.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

}
