import Foundation
import VTJTestSupport
import Testing
@testable import VTJDrop
import VTJCore
import VTJSandbox

/// Workbooks through the real daemon (issue 16, item 3): lists made by LibreOffice and by
/// openpyxl are read, their columns carried; a workbook that cannot be read gets a receipt
/// saying why; and the example departments' default results, opened by LibreOffice, show
/// exactly the values of the CSV results, leading zeros and all.
@Suite(.serialized) struct WorkbookDropTests {
    static let departments = """
        departments:
          koulu:
            purposes: [perusopetus]
            groups: [HENKILON_NIMI, SYNTYMAPAIVA, KOTIKUNTA, VAKINAINEN_KOTIMAINEN_OSOITE, TURVAKIELTO, HUOLTAJA]
            format: xlsx
            readiness: rename
        """

    @Test func workbooksFromLibreOfficeAndOpenpyxlAreReadAndTheirColumnsCarried() async throws {
        let harness = try await PipelineHarness(departments: Self.departments)
        defer { Task { await harness.close() } }
        let pupils = harness.registry.hetus(where: [.minor], excluding: [.turvakielto], limit: 6)
        #expect(pupils.count == 6)
        let scratch = harness.root + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)

        // LibreOffice: the clerk's CSV saved as a workbook, every column imported as text.
        var csv = "luokka;hetu;postinumero\n"
        for (index, hetu) in pupils.enumerated() { csv += "7\(index < 3 ? "A" : "B");\(hetu);0072\(index)\n" }
        csv += "9C;\(pupils[0]);toinen\n9D;010101-123X;väärä\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: scratch + "/luokka.csv"))
        try await Tools.libreOfficeConvert([scratch + "/luokka.csv"], to: "xlsx", outdir: scratch,
                                           inputFilter: "CSV:59,34,76,1,1/2/2/2/3/2", profile: scratch + "/profile")
        // openpyxl: shared strings, a postcode typed as a number shown with zeros (format 00000).
        var rows: [[Any]] = [[["text": "Luokka"], ["text": "Henkilötunnus"], ["text": "Postinumero"]]]
        for hetu in pupils { rows.append([["text": "8A"], ["text": hetu], ["number": 723, "format": "00000"]]) }
        try await Tools.openpyxlWrite(["sheets": [["title": "Oppilaat", "rows": rows]]], to: scratch + "/oppilaat.xlsx")

        try copy(scratch + "/luokka.xlsx", to: harness.root + "/inbox/koulu/luokka.xlsx")
        // Named .csv, but a workbook: read as one, never as text.
        try copy(scratch + "/oppilaat.xlsx", to: harness.root + "/inbox/koulu/oppilaat.csv")
        // A password-protected workbook (an encrypted package in an OLE container).
        let encrypted: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 56)
            + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try Data(encrypted).write(to: URL(fileURLWithPath: harness.root + "/inbox/koulu/salattu.xlsx"))
        let run = await harness.runner.runOnce()
        #expect(run.published == 2 && run.refused == 1, "\(run)")

        let layout = ColumnPreset.oppilaslista.layout(groups: [.henkilonNimi, .syntymapaiva, .kotikunta,
                                                              .vakinainenKotimainenOsoite, .turvakielto, .huoltaja])
        let office = try #require(harness.outbox("koulu").first { $0.hasPrefix("luokka.") && $0.hasSuffix(".xlsx") })
        let officeSheet = try await Tools.openpyxlRead(harness.root + "/outbox/koulu/" + office)
        #expect(officeSheet.rows[0].map { $0?.value ?? "" } == layout.columns + ["luokka", "postinumero"].map { name in
            layout.columns.contains(name) ? "oma_" + name : name
        })
        #expect(officeSheet.rows.count == 1 + 8, "every row of the list")
        let last = officeSheet.rows[0].count - 1
        let carriedCodes: [String] = officeSheet.rows.dropFirst().compactMap { row in row.count > last ? row[last]?.value : nil }
        #expect(carriedCodes.contains("00720"), "the clerk's zeros kept")
        #expect(officeSheet.rows.contains { $0[0]?.value == "010101-123X" && $0[1]?.value == "hylatty" })

        let typed = try #require(harness.outbox("koulu").first { $0.hasPrefix("oppilaat.") && $0.hasSuffix(".xlsx") })
        let typedSheet = try await Tools.openpyxlRead(harness.root + "/outbox/koulu/" + typed)
        #expect(typedSheet.rows.count == 1 + 6)
        #expect(typedSheet.rows.dropFirst().allSatisfy { $0[last]?.value == "00723" && $0[last]?.type == "s" }, "shown zeros, as text")
        let receipt = try harness.only("koulu", suffix: ".kuitti.txt", prefix: "oppilaat.")
        #expect(receipt.contains("Työkirja luettiin sen ensimmäiseltä välilehdeltä 'Oppilaat': henkilötunnus sarakkeessa B (Henkilötunnus)."), "\(receipt)")

        let refusal = try harness.only("koulu", suffix: ".kuitti.txt", prefix: "salattu.")
        #expect(refusal.contains("työkirja on suojattu salasanalla") && !refusal.contains("password"), "in the department's language: \(refusal)")
    }

    private func copy(_ from: String, to: String) throws {
        let temporary = (to as NSString).deletingLastPathComponent + "/." + (to as NSString).lastPathComponent + ".part"
        try FileManager.default.copyItem(atPath: from, toPath: temporary)
        guard rename(temporary, to) == 0 else { throw HarnessError("cannot rename \(temporary)") }
    }

    /// The example departments exactly as shipped (`ConfigurationDefaults`), without `columns:`.
    static var exampleYAML: String {
        "departments:\n" + ConfigurationDefaults.exampleDepartments.map { settings in
            let profile = settings.profile
            return """
                  \(profile.id):
                    purposes: [\(profile.purposes.map(\.rawValue).joined(separator: ", "))]
                    default_purpose: \(profile.defaultPurpose.rawValue)
                    groups: [\(profile.groups.map(\.rawValue).joined(separator: ", "))]
                    format: \(profile.format.rawValue)
                    readiness: rename
                """
        }.joined(separator: "\n")
    }

    /// The issue's "done when": each example department's default result, as a workbook opened
    /// by LibreOffice, shows exactly the cells of its CSV result — not one value changed.
    @Test func exampleDepartmentsDefaultResultsOpenUnchangedInLibreOffice() async throws {
        let harness = try await PipelineHarness(sandbox: SandboxConfiguration(population: 500, seed: 31),
                                                departments: Self.exampleYAML)
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 40) + harness.registry.hetus(where: [.minorWithTwoGuardians], limit: 10)
        let departments = ConfigurationDefaults.exampleDepartments.map(\.id)
        for department in departments {
            for format in ["csv", "xlsx"] {
                let request = harness.request("perustiedot", hetus: hetus)
                    .replacingOccurrences(of: "<pyynto ", with: "<pyynto muoto=\"\(format)\" ")
                try harness.drop(department, "lista-\(format).xml", request)
            }
        }
        #expect(await harness.runner.runOnce().published == departments.count * 2)

        let scratch = harness.root + "/converted"
        var workbooks: [String: String] = [:]
        for department in departments {
            let name = try #require(harness.outbox(department).first { $0.hasSuffix(".xlsx") })
            let copy = scratch + "-in/" + department + ".xlsx"
            try FileManager.default.createDirectory(atPath: scratch + "-in", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: harness.root + "/outbox/\(department)/" + name, toPath: copy)
            workbooks[department] = copy
        }
        try await Tools.libreOfficeConvert(departments.compactMap { workbooks[$0] },
                                           to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false",
                                           outdir: scratch, profile: harness.root + "/profile")
        var zeros = 0
        for department in departments {
            let shown = try await Tools.csvRows(scratch + "/" + department + ".csv")
            let result = try harness.only(department, suffix: ".csv", prefix: "lista-csv.")
            let expected = Self.parse(result).map { $0.map(Self.withoutNeutralising) }
            #expect(shown == expected, "\(department): LibreOffice shows other values than the CSV result")
            #expect(expected[0].count <= 30, "\(department): \(expected[0].count) columns fit on a screen")
            for (index, name) in expected[0].enumerated() where ["postinumero", "kotikunta", "huoneistonumero"].contains(name) {
                zeros += expected.dropFirst().filter { $0[index].hasPrefix("0") }.count
            }
        }
        #expect(zeros > 0, "the sample must hold values with leading zeros for the comparison to mean anything")
    }

    /// Our CSV result (`;`, CRLF, BOM, RFC 4180 quotes) as rows.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.replacingOccurrences(of: "\u{FEFF}", with: "").unicodeScalars)[...]
        while let char = characters.popFirst() {
            if quoted {
                if char == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append(characters.removeFirst()) } else { quoted = false }
                } else {
                    field.unicodeScalars.append(char)
                }
            } else if char == "\"" {
                quoted = true
            } else if char == ";" {
                row.append(field)
                field = ""
            } else if char == "\r" {
                continue
            } else if char == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(char)
            }
        }
        return rows
    }

    /// A CSV cell as the spreadsheet cell holds it: the `'` the CSV puts before a formula-like value removed.
    static func withoutNeutralising(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let next = cell.dropFirst().first, "=+-@\t\r".contains(next) else { return cell }
        return String(cell.dropFirst())
    }
}
