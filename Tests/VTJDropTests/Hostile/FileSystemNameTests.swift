import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore

/// Hostile file names: every drop is served, its result and receipt names are plain, printable,
/// at most 255 bytes, never hidden or option-like, nothing escapes the department's outbox, and
/// the receipt states the original name readably (escaped, one line).
@Suite struct FileSystemNameTests {
    static let names: [[UInt8]] = [
        Array("lista..txt".utf8),
        Array("rivin\nvaihto.txt".utf8),
        Array("rivin\r\nvaihto ja\ttabulaattori.txt".utf8),
        Array("h".utf8) + [0xE4] + Array("tu \u{FF}.txt".utf8),                 // Latin-1 bytes, not UTF-8
        Array(String(repeating: "a", count: 251).utf8) + Array(".txt".utf8),  // 255 bytes
        Array(String(repeating: "ä", count: 125).utf8) + Array(".txt".utf8),  // 254 bytes, two per letter
        Array("-rf --no-preserve-root.txt".utf8),
        Array("   välilyönnit alussa.txt".utf8),
        Array("\u{1B}[31mpunainen\u{07}\u{7F}.txt".utf8),
        Array("=cmd|' -C calc'!A0+SUM(1).txt".utf8),
        Array("lista\u{202E}txt.csv".utf8),
        Array("lista.20261126T154300Z-abcdefghjk.kuitti.txt".utf8),
        Array("$(touch pwned);`id`.txt".utf8),
    ]

    @Test(arguments: FileSystemNameTests.names)
    func hostileNameIsServedWithSafeOutputNames(_ raw: [UInt8]) async throws {
        let harness = try await PipelineHarness()
        defer { Task { await harness.close() } }
        let hetus = harness.registry.hetus(where: [.resident], limit: 2)
        let name = DropFileName(raw: raw)
        let before = harness.pathsOutsideState()
        try writeAside(Array(hetus.joined(separator: "\n").utf8), named: raw, in: harness.root + "/inbox/sivistys")

        let summary = await harness.runOnceBounded()
        #expect(summary?.published == 1, "\(name.display): \(String(describing: summary))")
        let files = harness.outbox("sivistys")
        #expect(files.count == 2, "\(files)")
        for file in files {
            #expect(file.utf8.count <= 255 && !file.hasPrefix(".") && !file.hasPrefix("-") && !file.hasPrefix(" "), "\(file)")
            #expect(file.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && $0 != "\u{202E}" }, "\(file.debugDescription)")
            #expect(!file.contains("/") && !file.contains("$(") && !file.contains("`"))
            #expect(file.hasPrefix(name.safeStem + "."), "\(file) starts with the safe stem")
        }
        #expect(harness.newPathsOutsideOutbox(since: before, department: "sivistys") == [], "nothing outside outbox/sivistys")
        #expect(!FileManager.default.fileExists(atPath: "pwned") && !FileManager.default.fileExists(atPath: harness.root + "/pwned"))

        // The receipt names the file as dropped, escaped onto one line.
        let receipt = try harness.only("sivistys", suffix: ".kuitti.txt")
        #expect(receipt.contains("tiedosto: " + name.display + "\r\n"), "\(receipt)")
        let rows = try harness.only("sivistys", suffix: ".csv").split(separator: "\r\n").dropFirst().map { String($0.prefix(11)) }
        #expect(Set(rows) == Set(hetus))
        // The journal keeps the original name, readably and reversibly.
        let id = try #require(harness.outbox("sivistys").first { $0.hasSuffix(".kuitti.txt") }?.split(separator: ".").dropLast(2).last)
        let entry = try harness.appliance.database.journal.entry(String(id))
        #expect(entry.map { DropFileName(displayed: $0.originalName).raw } == raw)
        #expect(entry?.state == .archived)
    }

    /// Written under a hidden temp name, renamed into place (the harness departments use `rename`).
    private func writeAside(_ bytes: [UInt8], named raw: [UInt8], in folder: String) throws {
        let temporary = Array(".kirjoitus.part".utf8)
        try DropTestFolder.write(bytes, named: temporary, in: folder)
        let parent = open(folder, O_RDONLY | O_DIRECTORY)
        try #require(parent >= 0)
        defer { close(parent) }
        let moved = FileSystemCall.withName(temporary) { from in FileSystemCall.withName(raw) { renameat(parent, from, parent, $0) } }
        try #require(moved == 0, "rename: \(errno)")
    }

    @Test func leadingDashesNeverStartAnOutputName() {
        #expect(DropFileName("-rf.txt").safeStem == "rf")
        #expect(DropFileName("--.txt").safeStem == "drop")
        #expect(DropFileName("- .-x.csv").safeName == "x.csv")
        #expect(DropFileName("a-b.txt").safeStem == "a-b")
    }
}
