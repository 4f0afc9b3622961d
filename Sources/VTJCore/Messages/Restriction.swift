/// Which persons a message is about: a hetu list or the licensed municipalities, never both.
public enum Restriction: Hashable, Sendable {
    /// At most ``Restriction/maxHetusPerMessage`` henkilötunnus, exactly as validated.
    case hetulista([String])
    /// The municipalities the credentials are licensed for (optionally narrowed by code).
    case kuntarajaus([String])

    /// The interface's limit for one message.
    public static let maxHetusPerMessage = 1000
}

/// `perustiedotPyynto`: current basic data.
public struct PerustiedotMessage: Hashable, Sendable {
    public var restriction: Restriction
    /// nil = every group the product allows.
    public var groups: [GroupName]?
    /// `jatkoavain` to continue a paged municipal delivery.
    public var continuation: String?

    public init(restriction: Restriction, groups: [GroupName]? = nil, continuation: String? = nil) {
        self.restriction = restriction
        self.groups = groups
        self.continuation = continuation
    }
}

/// `muutoksetPyynto`: changes after a log key.
public struct MuutoksetMessage: Hashable, Sendable {
    /// `viimeisinKirjausavain` (64-bit; values above 2^32 occur).
    public var logKey: Int64
    public var restriction: Restriction

    public init(logKey: Int64, restriction: Restriction) {
        self.logKey = logKey
        self.restriction = restriction
    }
}

/// A message the interface accepts (what the sandbox reads off the wire): a `perustiedotPyynto` or `muutoksetPyynto`.
public enum InterfaceMessage: Hashable, Sendable {
    case perustiedot(PerustiedotMessage)
    case muutokset(MuutoksetMessage)
}

/// The `virhe` body of a non-2xx response.
public struct InterfaceErrorBody: Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `KOODI: message`, or the message alone when the body had no code (DVV's JSON errors).
    public var description: String { code.isEmpty ? message : "\(code): \(message)" }
}

/// What a `perustiedotVastaus` says besides its persons.
public struct PerustiedotPageInfo: Hashable, Sendable {
    /// `ajanTasalla`: false when a municipal delivery has more pages.
    public var upToDate: Bool
    /// `jatkoavain` for the next page.
    public var continuation: String?

    public init(upToDate: Bool, continuation: String? = nil) {
        self.upToDate = upToDate
        self.continuation = continuation
    }
}

/// What a `muutoksetVastaus` says besides its changes.
public struct MuutoksetPageInfo: Hashable, Sendable {
    /// The key to continue from (and to store once the page is durably handled).
    public var logKey: Int64
    /// `ajanTasalla`: true when there is nothing more after this page.
    public var upToDate: Bool

    public init(logKey: Int64, upToDate: Bool) {
        self.logKey = logKey
        self.upToDate = upToDate
    }
}
