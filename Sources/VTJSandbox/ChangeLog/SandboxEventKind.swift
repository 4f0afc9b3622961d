/// The kinds of change the sandbox's hidden clock produces (and tests can trigger one by one).
public enum SandboxEventKind: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// A new address in the same municipality (two `muutos` entries: address, then residence code).
    case moveWithin
    /// A resident of the licensed municipality moves elsewhere: one last `muutos` with the new
    /// `KOTIKUNTA` and address, then nothing more under `kuntarajaus`.
    case moveOut
    /// Someone moves into the licensed municipality: the person's basic data arrives as `LISATTY`.
    case moveIn
    /// A new surname: `HENKILON_NIMI` `MUUTETTU` (old) + `LISATTY` (new), and `NIMENMUUTOS`.
    case nameChange
    /// `TURVAKIELTO` `LISATTY` true; the address follows as a censoring placeholder.
    case turvakieltoStart
    /// `TURVAKIELTO` `MUUTETTU` false with `turvaLoppuPv`; the address comes back.
    case turvakieltoEnd
    /// `KUOLINPAIVA` `LISATTY`.
    case death
    /// A court-appointed guardian for a minor: `HUOLTAJA` on the child, `HUOLLETTAVA` on the guardian.
    case newGuardianship
    /// A corrected henkilötunnus, delivered under the old code (`HENKILOTUNNUS_KORJAUS`).
    case hetuCorrection

    public var description: String { rawValue }
}
