/// What a request may have: the purpose it runs under and the groups it gets (never more than the profile).
public struct DropAuthorisation: Hashable, Sendable {
    public var department: String
    public var purpose: Purpose
    /// The granted groups, in the product's order.
    public var groups: [GroupName]
    /// Requested groups that were not granted, with why (reported in the receipt, never granted).
    public var refusedGroups: [GroupRefusal]

    public init(department: String, purpose: Purpose, groups: [GroupName], refusedGroups: [GroupRefusal] = []) {
        self.department = department
        self.purpose = purpose
        self.groups = groups
        self.refusedGroups = refusedGroups
    }
}

/// A requested group that was not granted.
public struct GroupRefusal: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Hashable, Sendable {
        /// Not a group of the product at all.
        case notProductGroup = "ei-tuotteen-tietoryhma"
        /// A product group outside the department's profile.
        case notInProfile = "ei-yksikon-profiilissa"
    }

    /// The group exactly as requested (trimmed).
    public var requested: String
    public var reason: Reason

    public init(requested: String, reason: Reason) {
        self.requested = requested
        self.reason = reason
    }

    public var description: String { "\(requested) (\(reason.rawValue))" }
}

extension DepartmentProfile {
    /// Checks a request against the profile: purpose licensed, groups narrowed (extras reported).
    ///
    /// - Parameters:
    ///   - purpose: `kayttotarkoitus` as written, nil = the department's default purpose.
    ///   - groups: `tietoryhmat` as written, nil = all the profile's groups.
    ///   - municipalityWide: the operation is `kunta-perustiedot` or `kunta-muutokset`.
    public func authorise(purpose: String?, groups: [String]?, municipalityWide: Bool = false)
        -> Result<DropAuthorisation, DropRefusal>
    {
        if municipalityWide, !self.municipalityWide { return .failure(.municipalityWideNotAllowed(department: id)) }
        let chosen: Purpose
        if let purpose {
            switch Purpose.parse(purpose) {
            case .success(let parsed): chosen = parsed
            case .failure(let rejection): return .failure(.purpose(rejection))
            }
        } else {
            chosen = defaultPurpose
        }
        guard isLicensed(for: chosen) else {
            return .failure(.purposeNotLicensed(chosen, department: id, licensed: purposes))
        }
        guard let groups else { return .success(DropAuthorisation(department: id, purpose: chosen, groups: self.groups)) }

        var granted: Set<GroupName> = []
        var refused: [GroupRefusal] = []
        for text in groups {
            let trimmed = text.trimmingBlanks()
            let name = GroupName(trimmed.uppercased())
            if !name.isProductGroup {
                refused.append(GroupRefusal(requested: trimmed, reason: .notProductGroup))
            } else if !self.groups.contains(name) {
                refused.append(GroupRefusal(requested: trimmed, reason: .notInProfile))
            } else {
                granted.insert(name)
            }
        }
        guard !granted.isEmpty else { return .failure(.noGroupsLeft(requested: groups.map { $0.trimmingBlanks() })) }
        let ordered = GroupName.productGroupsInOrder.filter(granted.contains)
        return .success(DropAuthorisation(department: id, purpose: chosen, groups: ordered, refusedGroups: refused))
    }
}
