import Foundation
import VTJTestSupport

/// Validates JSON documents against a definition of the contract's envelope schema
/// (`docs/vtj-json-wire.schema.json`, section 8 of vtj-json-wire.md) with Python's `jsonschema`,
/// an implementation independent of ours.
enum JSONSchemaCheck {
    static let schemaPath = repositoryRoot + "/docs/vtj-json-wire.schema.json"

    private static let script = """
        import json, sys
        from jsonschema import Draft202012Validator, FormatChecker
        schema = json.load(open(sys.argv[1]))
        validator = Draft202012Validator({"$ref": "#/$defs/" + sys.argv[2], "$defs": schema["$defs"]}, format_checker=FormatChecker())
        for number, line in enumerate(sys.stdin):
            for error in validator.iter_errors(json.loads(line)):
                print(f"document {number}: {error.json_path}: {error.message[:200]}")
        """

    /// The schema's complaints about `documents` as `definition` (empty = all valid); fails when no
    /// Python with `jsonschema` can be found.
    static func problems(_ documents: [[UInt8]], as definition: String) throws -> [String] {
        // One document per line: compact JSON never holds a raw line break.
        let input = documents.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") + "\n"
        for python in ["python3", "/usr/bin/python3"] {
            let outcome = try ChildProcess.runBlocking(python, ["-c", script, schemaPath, definition], stdin: Data(input.utf8))
            if outcome.status == 0 {
                return outcome.stdout.split(separator: "\n").map(String.init)
            }
            if !outcome.stderr.contains("No module named") {
                throw SchemaCheckError(outcome.stderr)
            }
        }
        throw SchemaCheckError("no python3 with jsonschema (apt-get install python3-jsonschema)")
    }

    struct SchemaCheckError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
