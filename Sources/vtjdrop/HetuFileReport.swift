import Foundation
import VTJCore
import VTJDrop

/// `vtjdrop hetu FILE`: the file read by intake's own reader (``ParsedDrop/source(_:fileName:)``)
/// and what a drop of it would ask for and refuse, line by line, in the order of the file.
struct HetuFileReport {
    let path: String

    /// Prints the report; returns whether every value line is valid (no refused line, no refusal).
    func printReport() throws -> Bool {
        let name = DropFileName((path as NSString).lastPathComponent)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let source: ParsedDrop.Source
        do {
            source = try ParsedDrop.source(bytes, fileName: name)
        } catch {
            print("\(path): a drop of this file would be refused as a whole: \(error)")
            return false
        }
        let entries: [(line: Int, text: String)]
        let summary: String
        switch source {
        case .list(let list):
            print("\(path): \(list.dialect), encoding \(list.encoding)")
            if let carried = list.carried { print("columns carried back beside the result: \(carried.names.joined(separator: ", "))") }
            entries = Self.lines(hetus: list.hetus, lines: list.hetuLines, duplicates: list.duplicates, rejected: list.rejected,
                                 warnings: list.warnings)
            summary = Self.summary(valid: list.hetus.count, duplicates: list.duplicateCount, listed: list.rejected.count,
                                   rejected: list.rejectedCount)
        case .request(let request):
            print("\(path): request document, toiminto \(request.operation)" + (request.purpose.map { ", kayttotarkoitus \($0)" } ?? ""))
            entries = Self.lines(hetus: request.hetus, lines: request.hetuLines, duplicates: request.duplicates,
                                 rejected: request.rejected, warnings: request.warnings)
            summary = Self.summary(valid: request.hetus.count, duplicates: request.duplicateCount, listed: request.rejected.count,
                                   rejected: request.rejectedCount)
        }
        for entry in entries { print("line \(entry.line)\t\(entry.text)") }
        print(summary)
        switch source {
        case .list(let list): return list.rejectedCount == 0 && !list.hetus.isEmpty
        case .request(let request): return request.rejectedCount == 0
        }
    }

    /// Accepted, repeated and refused values merged in file order (line, then kind).
    private static func lines(hetus: [Henkilotunnus], lines: [Int], duplicates: [HetuList.Duplicate],
                              rejected: [HetuList.RejectedLine], warnings: [HetuList.LineWarning]) -> [(line: Int, text: String)] {
        var noted: [Int: String] = [:]
        for warning in warnings { noted[warning.line] = "\twarning: \(warning.warning)" }
        var entries: [(line: Int, text: String)] = []
        for (hetu, line) in zip(hetus, lines) {
            entries.append((line, "\(hetu.value)\tasked\t\(hetu.birthDate)\t\(hetu.sex.rawValue)" + (noted[line] ?? "")))
        }
        for repeated in duplicates {
            entries.append((repeated.line, "\(repeated.hetu.value)\trepeat of line \(repeated.firstLine), asked once"))
        }
        for line in rejected {
            entries.append((line.line, "\(line.text)\tREFUSED\t\(line.reason)"))
        }
        return entries.sorted { $0.line < $1.line }
    }

    private static func summary(valid: Int, duplicates: Int, listed: Int, rejected: Int) -> String {
        var text = "a drop of this file: \(valid) henkilötunnus asked, \(duplicates) repeats asked once, \(rejected) lines refused"
        if rejected > listed { text += " (the first \(listed) listed above, as in the receipt)" }
        if valid == 0 { text += "; with no valid henkilötunnus the whole drop would be refused" }
        return text
    }
}
