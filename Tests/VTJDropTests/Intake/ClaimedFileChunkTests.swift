import Testing
import VTJTestSupport
@testable import VTJDrop
import VTJCore

/// The claimed file read a chunk at a time (issue 15 goal 3) hands on exactly its bytes, the last
/// chunk known as the last; and the repeat check compares two files a chunk at a time.
@Suite struct ClaimedFileChunkTests {
    static func claimed(_ path: String, in folder: String) -> ClaimedFile {
        ClaimedFile(id: DropID(secondsSinceEpoch: 1_795_707_780, random: 7), department: "sivistys",
                    originalName: DropFileName(displayed: "lista.txt"), folder: folder, path: path, markerPath: nil, size: 0)
    }

    @Test func chunksOfEverySizeAreTheFilesBytesInOrder() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        let path = try temp.write("lista.txt", bytes: bytes)
        let file = Self.claimed(path, in: temp.path)
        for size in [1, 2, 3, 999, 1000, 1001, 4096] {
            var read: [UInt8] = []
            var lastFlags: [Bool] = []
            let total = try file.readChunks(limit: 1 << 20, chunkSize: size) { chunk, isLast in
                read += chunk
                lastFlags.append(isLast)
                return true
            }
            #expect(total == bytes.count && read == bytes, "chunks of \(size)")
            #expect(lastFlags.last == true && lastFlags.dropLast().allSatisfy { !$0 }, "only the last is the last, chunks of \(size)")
        }
        var stoppedAfter = 0
        _ = try file.readChunks(limit: 1 << 20, chunkSize: 100) { _, _ in
            stoppedAfter += 1
            return false
        }
        #expect(stoppedAfter == 1, "a false from the body stops the read")
        #expect(try file.readAll(limit: 1 << 20) == bytes)
        #expect(throws: IntakeError.self) { _ = try file.readChunks(limit: 999) { _, _ in true } }
        let empty = Self.claimed(try temp.write("tyhja.txt", bytes: []), in: temp.path)
        #expect(try empty.readChunks(limit: 10) { _, _ in Issue.record("no chunk of an empty file"); return true } == 0)
    }

    @Test func twoFilesAreComparedAChunkAtATime() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 13) }
        let one = try temp.write("a", bytes: bytes)
        let same = try temp.write("b", bytes: bytes)
        var changed = bytes
        changed[4321] ^= 1
        let other = try temp.write("c", bytes: changed)
        let shorter = try temp.write("d", bytes: Array(bytes.dropLast()))
        for size in [1, 7, 4096, 65536] {
            #expect(SameBytes.files(one, same, chunkSize: size))
            #expect(!SameBytes.files(one, other, chunkSize: size))
            #expect(!SameBytes.files(one, shorter, chunkSize: size))
            #expect(!SameBytes.files(shorter, one, chunkSize: size))
        }
        #expect(!SameBytes.files(one, temp.file("missing")))
    }
}
