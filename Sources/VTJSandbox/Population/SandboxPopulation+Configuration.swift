import VTJCore

extension SandboxPopulation {
    /// The population a server started with `configuration` serves (before any simulated day
    /// passes): `vtjdrop hetu --generate --sandbox` prints from the same one the built-in
    /// sandbox answers, so a clerk trying it finds the persons.
    ///
    /// - Parameter today: the day the server is created (nil: today, UTC, as the server takes it).
    public init(serving configuration: SandboxConfiguration, today: CivilDate? = nil) {
        let today = configuration.referenceDate ?? today ?? SandboxServer.todayUTC()
        self.init(size: configuration.population, seed: configuration.seed,
                  referenceDate: today.adding(days: -max(0, configuration.historyDays)),
                  licensedMunicipality: configuration.licensedMunicipality)
    }

    /// `count` henkilötunnus of different persons, picked by `seed` (the same seed picks the same
    /// persons of the same population); at most ``size``.
    public func sampleHetus(count: Int, seed: UInt64) -> [String] {
        var random = VTJCore.SeededGenerator(seed: seed)
        var indices = Array(0..<size)
        let taken = min(max(0, count), size)
        // A partial Fisher–Yates shuffle: only the first `taken` places are drawn.
        for place in 0..<taken {
            let pick = place + Int(random.next() % UInt64(size - place))
            indices.swapAt(place, pick)
        }
        return indices[..<taken].map(hetu(at:))
    }
}
