/// Why a text is not a purpose this product can serve; receipts and configuration errors quote it.
public enum PurposeRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Never allowed by the seed, whatever the configuration says.
    case excluded(String, ExcludedPurpose)
    /// Not in the catalogue of the seed's section 2.
    case unknown(String)

    public var description: String {
        switch self {
        case .excluded(let text, let why):
            "purpose \"\(text)\" is never allowed: \(why.reason)"
        case .unknown(let text):
            "purpose \"\(text)\" is not one of the product's purposes; use one of: "
                + Purpose.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }

    /// The Finnish wording for receipts.
    public var finnish: String {
        switch self {
        case .excluded(let text, let why):
            "käyttötarkoitus \"\(text)\" ei ole koskaan sallittu: \(why.reasonFinnish)"
        case .unknown(let text):
            "käyttötarkoitus \"\(text)\" ei ole tuotteen käyttötarkoitus"
        }
    }
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

    /// English reason, from the seed.
    public var reason: String {
        switch self {
        case .employees:
            "the product may not be used to update employees' personal data (seed section 1; Act 759/2004 on privacy in working life); keep HR data up to date by other means"
        case .customerRegister:
            "the product is granted only for tasks that need the whole municipality's population, never for merely updating a customer register (seed sections 1 and 2.3)"
        case .studentRegister:
            "merely updating an early-education or student register is not allowed (seed section 2.2); the hetu-based VAKA and OPPIJA products serve that"
        }
    }

    /// Finnish reason, from the seed.
    public var reasonFinnish: String {
        switch self {
        case .employees:
            "tuotteella ei saa päivittää työntekijöiden henkilötietoja (tuotekuvaus kohta 1; laki 759/2004)"
        case .customerRegister:
            "tuotetta ei myönnetä pelkän asiakasrekisterin päivittämiseen (tuotekuvaus kohdat 1 ja 2.3)"
        case .studentRegister:
            "tuotetta ei myönnetä pelkän varhaiskasvatus- tai oppilasrekisterin päivittämiseen (tuotekuvaus kohta 2.2)"
        }
    }
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
