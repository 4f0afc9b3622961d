import VTJCore

/// One `muutos` of the change log, kept uncensored; censoring happens when it is served.
struct LogEntry: Sendable, Hashable {
    let key: Int64
    let day: CivilDate
    let kind: SandboxEventKind
    let index: Int
    /// The henkilötunnus the entry is delivered under (the old one for a correction).
    let hetu: String
    let muutospv: String
    let records: [Record]
    /// Whether the person is under turvakielto after this change (decides censoring).
    let protectedAfter: Bool
    /// Whether a `kuntarajaus` subscriber sees it (a resident before or after the change).
    let visibleToMunicipality: Bool

    var change: Change { Change(hetu: hetu, muutospv: muutospv, records: records) }
}
