import VTJCore

extension SandboxAnswer {
    /// The persons of a basic-data answer (none for the other answers).
    var persons: [Person] {
        if case .basicData(let persons, _, _) = self { return persons }
        return []
    }
}
