/// A credential held in memory that prints as `***` everywhere (description, debug output, `dump`).
///
/// The only way to the value is ``exposedForUse()``, a name that stands out in review at the one
/// place the HTTP client builds its `Authorization` header.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) { self.value = value }

    /// The plain value, for the one place that must send it.
    public func exposedForUse() -> String { value }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "***" }
    public var debugDescription: String { "Secret(***)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
