/// The interface operations, named as they appear in logs and errors.
public enum VTJOperation: String, Sendable, Hashable, CustomStringConvertible {
    /// `GET /kirjausavain/{date}`.
    case logKey = "kirjausavain"
    /// `POST /perustiedot` with a hetu list.
    case basicData = "perustiedot"
    /// The municipal snapshot, paged by `jatkoavain`: `POST /perustiedot` with `kuntarajaus` (XML
    /// profile) or `POST /perustiedot-vko` with `kuntakoodit` (JSON wire).
    case municipalBasicData = "perustiedot-kuntarajaus"
    /// `POST /muutokset`, paged by log key.
    case changes = "muutokset"

    public var description: String { rawValue }
}
