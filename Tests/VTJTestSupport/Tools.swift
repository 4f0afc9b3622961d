import Foundation

/// The independent tools the tests check workbooks with: Python's openpyxl and LibreOffice.
/// `.ci/run` installs both; a missing tool fails the test (it is never skipped). Shared by
/// VTJSheetTests and VTJDropTests (results and drops through the real daemon).
public enum Tools {
    public static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    /// A Python script of Scripts/ run with `python3` (openpyxl installed by .ci/run).
    @discardableResult
    public static func python(_ script: String, _ arguments: [String]) async throws -> Data {
        try await ChildProcess.output("python3", [scripts.appendingPathComponent(script).path] + arguments)
    }

    // MARK: - openpyxl

    /// A cell as openpyxl reads it.
    public struct Cell: Decodable, Equatable {
        public let value: String
        public let type: String
        public let format: String
        public let date: Bool
    }

    /// A sheet as openpyxl reads it.
    public struct Sheet: Decodable {
        public let title: String
        public let freeze: String?
        public let filter: String?
        public let widths: [String: Double]
        public let rows: [[Cell?]]
    }

    public static func openpyxlRead(_ path: String) async throws -> Sheet {
        try JSONDecoder().decode(Sheet.self, from: await python("openpyxl_read.py", [path]))
    }

    /// Writes a workbook with openpyxl from a description (Scripts/openpyxl_write.py).
    public static func openpyxlWrite(_ spec: [String: Any], to path: String) async throws {
        let specPath = path + ".json"
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        try await python("openpyxl_write.py", [specPath, path])
    }

    // MARK: - LibreOffice

    /// `soffice --headless --convert-to FILTER` of several files in one start (each start costs
    /// seconds), with a private profile so parallel runs never share one.
    public static func libreOfficeConvert(_ files: [String], to filter: String, outdir: String, inputFilter: String? = nil,
                                   profile: String) async throws {
        var arguments = ["--headless", "--norestore", "-env:UserInstallation=file://" + profile]
        if let inputFilter { arguments.append("--infilter=" + inputFilter) }
        arguments += ["--convert-to", filter, "--outdir", outdir] + files
        try await ChildProcess.output("soffice", arguments)
    }

    /// CSV (UTF-8, `,`, `"`, all text quoted, cells as shown) of LibreOffice's export, as rows.
    public static func csvRows(_ path: String) async throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: await python("csv_to_json.py", [path]))
    }

    /// A CSV field and whether LibreOffice quoted it (with "quote all text cells": a text cell).
    public struct QuotedField: Decodable, Equatable, Sendable {
        public let value: String
        public let quoted: Bool

        public init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            value = try pair.decode(String.self)
            quoted = try pair.decode(Bool.self)
        }
    }

    /// The rows of a CSV with each field's quoting.
    public static func csvFields(_ path: String) async throws -> [[QuotedField]] {
        try JSONDecoder().decode([[QuotedField]].self, from: await python("csv_to_json.py", [path, "--quoting"]))
    }
}
