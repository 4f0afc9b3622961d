import CXMLShim

/// Validates documents against an XML Schema (libxml2's xmlSchema through CXMLShim).
///
/// The document is parsed with the readers' safe settings (no network, no entities, no DTD;
/// a DOCTYPE is itself a problem). The schema file is read by this process and compiled from
/// memory, so it cannot pull in other files.
public enum XMLSchemaValidator {
    /// The problems of `document` against the schema at `schemaPath`, each as
    /// `"line N: message"`; empty when the document is valid.
    /// - Throws: ``XMLSchemaError`` when the schema cannot be read or compiled.
    public static func validate(document: [UInt8], schemaPath: String, documentName: String = "document") throws(XMLSchemaError) -> [String] {
        let schema = try compile(schemaPath: schemaPath)
        defer { vx_schema_free(schema) }
        return problems(of: document, documentName: documentName, schema: schema)
    }

    /// The problems of the file at `path` against the schema at `schemaPath` (see
    /// ``validate(document:schemaPath:documentName:)``).
    public static func validate(file path: String, schemaPath: String) throws(XMLSchemaError) -> [String] {
        guard let bytes = FileBytes.read(path) else {
            throw XMLSchemaError(path: path, reason: "cannot read the file to validate")
        }
        return try validate(document: bytes, schemaPath: schemaPath, documentName: path)
    }

    private static func compile(schemaPath: String) throws(XMLSchemaError) -> OpaquePointer {
        guard let bytes = FileBytes.read(schemaPath) else {
            throw XMLSchemaError(path: schemaPath, reason: "cannot read the schema file")
        }
        var message = [CChar](repeating: 0, count: 512)
        let schema = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                vx_schema_from_memory(chars.baseAddress, chars.count, schemaPath, &message, message.count)
            }
        }
        guard let schema else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw XMLSchemaError(path: schemaPath, reason: "the schema does not compile: \(reason)")
        }
        return schema
    }

    private final class Collector {
        var problems: [String] = []
    }

    private static func problems(of document: [UInt8], documentName: String, schema: OpaquePointer) -> [String] {
        let collector = Collector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        withExtendedLifetime(collector) {
            document.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    _ = vx_schema_validate_memory(schema, chars.baseAddress, chars.count, documentName, { context, line, message in
                        guard let context else { return }
                        let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                        let text = message.map { String(cString: $0) } ?? "invalid"
                        collector.problems.append("line \(line): \(text)")
                    }, context)
                }
            }
        }
        return collector.problems
    }
}
