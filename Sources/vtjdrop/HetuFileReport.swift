import Foundation
import VTJCore
import VTJDrop

/// `vtjdrop hetu FILE`: the file read by intake's own reader (``DropContentReader``)
/// and what a drop of it would ask for and refuse, line by line, in the order of the file.
struct HetuFileReport {
    let path: String

    /// Prints the report; returns whether every value line is valid (no refused line, no refusal).
    func printReport() throws -> Bool {
        let name = DropFileName((path as NSString).lastPathComponent)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let content: DropContent
        do {
            content = try DropContentReader.read(bytes, fileName: name)
        } catch {
            print("\(path): a drop of this file would be refused as a whole: \(error)")
            return false
        }
        switch content.origin {
        case .list(let encoding, let dialect):
            print("\(path): \(dialect), encoding \(encoding)")
            if let carried = content.carried { print("columns carried back beside the result: \(carried.names.joined(separator: ", "))") }
        case .requestDocument, .planned:
            print("\(path): request document, toiminto \(content.operation)" + (content.purpose.map { ", kayttotarkoitus \($0)" } ?? ""))
        }
        for entry in Self.lines(content) { print("line \(entry.line)\t\(entry.text)") }
        print(Self.summary(valid: content.hetus.count, duplicates: content.duplicateCount, listed: content.rejected.count,
                           rejected: content.rejectedCount))
        if case .list = content.origin { return content.rejectedCount == 0 && !content.hetus.isEmpty }
        return content.rejectedCount == 0
    }

    /// Accepted, repeated and refused values merged in file order (line, then kind).
    private static func lines(_ content: DropContent) -> [(line: Int, text: String)] {
        var noted: [Int: String] = [:]
        for warning in content.warnings { noted[warning.line] = "\twarning: \(warning.warning)" }
        var entries: [(line: Int, text: String)] = []
        for (hetu, stored) in zip(content.hetus, content.hetuLines) {
            let line = Int(stored)
            entries.append((line, "\(hetu.value)\tasked\t\(hetu.birthDate)\t\(hetu.sex.rawValue)" + (noted[line] ?? "")))
        }
        for repeated in content.duplicates {
            entries.append((repeated.line, "\(repeated.hetu.value)\trepeat of line \(repeated.firstLine), asked once"))
        }
        for line in content.rejected {
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
