extension Restriction {
    /// Which of the two a message is, without its values: what the audit log records per query and
    /// what a change cursor is kept per (one concept, one type; raw values are the wire's words).
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// A `hetulista` message: about the henkilötunnus it names.
        case hetuList = "hetulista"
        /// A `kuntarajaus` message: about every resident of the licensed municipalities.
        case municipalities = "kuntarajaus"
    }

    /// The message's scope.
    public var scope: Scope {
        switch self {
        case .hetulista: .hetuList
        case .kuntarajaus: .municipalities
        }
    }
}
