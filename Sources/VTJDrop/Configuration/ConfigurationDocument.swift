import VTJCore

import Foundation
import Yams

/// The configuration as written (file, then flags), before validation: raw values by key path.
///
/// Reading collects structural problems (unknown keys, lists where a value belongs, secrets in the
/// file) instead of stopping at the first, so startup can report everything at once.
package struct ConfigurationDocument: Sendable {
    /// The file read, or nil for built-in defaults.
    package private(set) var origin: String?
    /// Department ids in file order.
    package private(set) var departmentIDs: [String] = []
    /// Structural problems found while reading.
    package private(set) var problems: [ConfigurationProblem] = []
    /// Whether the file could not be read or parsed at all (its problems are then the only ones worth listing).
    package private(set) var isUnreadable = false
    /// Folder that relative default paths resolve against (the file's folder; nil without a file).
    var baseDirectory: String?
    /// Line of each department's id in the file (problems about absent keys point there).
    var departmentLines: [String: Int] = [:]
    /// Values by dotted key path (`vtj.url`, `departments.sivistys.groups`).
    var values: [String: ConfigurationValue] = [:]

    /// An empty document: everything takes its default, including the example departments.
    package init() {}

    /// Whether a file was read.
    package var isFromFile: Bool { origin != nil }

    /// Reads a YAML file; an unreadable file becomes a problem, not a throw.
    package static func read(file path: String) -> ConfigurationDocument {
        var document = ConfigurationDocument()
        document.origin = path
        guard let data = FileManager.default.contents(atPath: path) else {
            document.problems.append(.init(keyPath: "--config", message: "cannot read \(path); check the path and that the service user may read it"))
            document.isUnreadable = true
            return document
        }
        guard let text = String(data: data, encoding: .utf8) else {
            document.problems.append(.init(keyPath: "--config", message: "\(path) is not UTF-8 text"))
            document.isUnreadable = true
            return document
        }
        let directory = (path as NSString).deletingLastPathComponent
        document.parse(yaml: text, baseDirectory: directory.isEmpty ? "." : directory)
        return document
    }

    /// Reads YAML text (tests, or a file already loaded); relative paths resolve against `baseDirectory`.
    package static func parse(yaml: String, origin: String, baseDirectory: String) -> ConfigurationDocument {
        var document = ConfigurationDocument()
        document.origin = origin
        document.parse(yaml: yaml, baseDirectory: baseDirectory)
        return document
    }

    /// The document with command-line flags applied over it (flags win); relative flag paths use `workingDirectory`.
    package func merging(_ overrides: ConfigurationOverrides, workingDirectory: String) -> ConfigurationDocument {
        var merged = self
        let flags: [(String, String?)] = [
            ("inbox", overrides.inbox), ("outbox", overrides.outbox),
            ("state", overrides.state), ("vtj.url", overrides.vtjURL), ("vtj.wire", overrides.wire),
            ("vtj.soap_product", overrides.soapProduct), ("vtj.x_road_client", overrides.xRoadClient),
        ]
        for case let (key, value?) in flags {
            merged.values[key] = ConfigurationValue(content: .scalar(value), line: nil, baseDirectory: workingDirectory)
        }
        return merged
    }

    /// The raw value at a key path.
    func value(_ keyPath: String) -> ConfigurationValue? { values[keyPath] }

    private mutating func parse(yaml: String, baseDirectory: String) {
        self.baseDirectory = baseDirectory
        let root: Node?
        do {
            // The basic resolver: values are read as their text (`scalar.string`, `null` by its
            // spelling), never by tag, and Yams's default resolver compiles seven regular
            // expressions through ICU, which paged about 2 MB of ICU into every process.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            problems.append(.init(keyPath: origin ?? "yaml", message: Self.describeSyntaxError(error)))
            isUnreadable = true
            return
        }
        guard let root else { return }  // an empty file: all defaults
        walk(root, schema: .root, path: "", baseDirectory: baseDirectory)
    }

    private mutating func walk(_ node: Node, schema: ConfigurationSchema, path: String, baseDirectory: String) {
        let line = node.mark.map { $0.line }
        switch (schema, node) {
        case (_, .scalar) where node.null != nil:
            return  // `key:` with nothing after it: absent, the default applies
        case (.scalar, .scalar(let scalar)):
            values[path] = ConfigurationValue(content: .scalar(scalar.string), line: line, baseDirectory: baseDirectory)
        case (.list, .scalar(let scalar)):
            values[path] = ConfigurationValue(content: .list([scalar.string]), line: line, baseDirectory: baseDirectory)
        case (.list, .sequence(let sequence)):
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    problems.append(.init(keyPath: path, message: "list items must be plain values, not lists or mappings", line: item.mark?.line))
                    continue
                }
                items.append(scalar.string)
            }
            values[path] = ConfigurationValue(content: .list(items), line: line, baseDirectory: baseDirectory)
        case (.table(let keys), .mapping(let mapping)):
            for (keyNode, child) in mapping {
                guard let key = keyNode.scalar?.string else {
                    problems.append(.init(keyPath: path, message: "keys must be plain names", line: keyNode.mark?.line))
                    continue
                }
                let childPath = path.isEmpty ? key : path + "." + key
                if let childSchema = keys[key] {
                    walk(child, schema: childSchema, path: childPath, baseDirectory: baseDirectory)
                } else {
                    reportUnknown(key: key, path: childPath, known: Array(keys.keys), line: keyNode.mark?.line)
                }
            }
        case (.entries(let entrySchema), .mapping(let mapping)):
            for (keyNode, child) in mapping {
                guard let key = keyNode.scalar?.string else {
                    problems.append(.init(keyPath: path, message: "keys must be plain names", line: keyNode.mark?.line))
                    continue
                }
                if path == "departments" {
                    departmentIDs.append(key)
                    if let line = keyNode.mark?.line { departmentLines[key] = line }
                }
                let childPath = path + "." + key
                if child.null != nil {
                    problems.append(.init(keyPath: childPath, message: "is empty; give it at least purposes and groups", line: keyNode.mark?.line))
                    continue
                }
                walk(child, schema: entrySchema, path: childPath, baseDirectory: baseDirectory)
            }
        case (_, .alias):
            problems.append(.init(keyPath: path, message: "YAML aliases are not supported here; write the value out", line: line))
        case (.scalar, _):
            problems.append(.init(keyPath: path, message: "expected a single value, found \(Self.kind(of: node))", line: line))
        case (.list, _):
            problems.append(.init(keyPath: path, message: "expected a list, found \(Self.kind(of: node))", line: line))
        case (.table, _), (.entries, _):
            problems.append(.init(keyPath: path, message: "expected a mapping of keys, found \(Self.kind(of: node))", line: line))
        }
    }

    private mutating func reportUnknown(key: String, path: String, known: [String], line: Int?) {
        if ConfigurationSchema.isSecretKey(key), path.hasPrefix("status.") {
            problems.append(.init(keyPath: path, message: "secrets are never read from the configuration file; delete this key, put the password in a file only the service user can read and name that file in status.password_file", line: line))
        } else if ConfigurationSchema.isSecretKey(key) {
            problems.append(.init(keyPath: path, message: "secrets are never read from the configuration file; delete this key and move it to \(InterfaceCredentials.passwordFileVariable) (a file only the service user can read)", line: line))
        } else if let variable = ConfigurationSchema.environmentOnlyKeys[key.lowercased()] {
            problems.append(.init(keyPath: path, message: "credentials are never read from the configuration file; delete this key and set \(variable)", line: line))
        } else {
            let hint = Self.closest(to: key, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
            problems.append(.init(keyPath: path, message: "unknown key\(hint)", line: line))
        }
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// A syntax error with its position only: the YAML snippet is left out since it could hold a secret.
    private static func describeSyntaxError(_ error: any Error) -> String {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                return "YAML syntax error at line \(mark.line), column \(mark.column): \(problem)"
            case .duplicatedKeysInMapping(let duplicates, _):
                return "a key appears twice in one mapping: \(duplicates.joined(separator: ", ")); keep one"
            default:
                break
            }
        }
        return "the file is not valid YAML; check indentation and quoting"
    }
}
