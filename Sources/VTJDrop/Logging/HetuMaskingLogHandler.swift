import Logging
import VTJCore

/// Masks every henkilötunnus in a log line (message and metadata) before the wrapped handler sees it.
///
/// The call sites already log masked names and counts; this is the last guard, so that a hetu in an
/// error text nobody thought of (a path, a libcurl or SQLite message) still never reaches a log file.
package struct HetuMaskingLogHandler: LogHandler {
    private var inner: any LogHandler

    package init(wrapping inner: any LogHandler) {
        self.inner = inner
        // A provider the inner handler came with must be masked too: it adds metadata at log time.
        if let provider = inner.metadataProvider { self.metadataProvider = provider }
    }

    package var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    package var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = Self.masking(newValue) }
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue.map { provider in Logger.MetadataProvider { Self.masking(provider.get()) } } }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue.map(Self.masking) }
    }

    package func log(event: LogEvent) {
        var masked = event
        masked.message = "\(DropFileName.maskingHetus(in: event.message.description))"
        masked.metadata = event.metadata.map(Self.masking)
        inner.log(event: masked)
    }

    static func masking(_ metadata: Logger.Metadata) -> Logger.Metadata { metadata.mapValues(masking) }

    /// Convertible values are rendered to text first: their description is what the handler would print.
    static func masking(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(DropFileName.maskingHetus(in: text))
        case .stringConvertible(let convertible): .string(DropFileName.maskingHetus(in: convertible.description))
        case .dictionary(let dictionary): .dictionary(masking(dictionary))
        case .array(let array): .array(array.map(masking))
        }
    }
}
