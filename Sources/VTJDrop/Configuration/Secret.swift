/// A credential held in memory that prints as `***` everywhere (description, debug output, `dump`).
///
/// The only way to the value is ``exposedForUse()``, a name that stands out in review at the one
/// place the HTTP client builds its `Authorization` header.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a secret value.
    package init(_ value: String) { self.value = value }

    /// The plain value, for the one place that must send it.
    package func exposedForUse() -> String { value }

    /// Whether the secret is the empty string.
    package var isEmpty: Bool { value.isEmpty }

    package var description: String { "***" }
    package var debugDescription: String { "Secret(***)" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
