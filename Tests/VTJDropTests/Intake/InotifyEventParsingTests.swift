import Glibc
import Testing
import VTJCore
@testable import VTJDrop

@Suite struct InotifyEventParsingTests {
    /// Builds a kernel-shaped buffer: header, then the name NUL-padded to `padded` bytes.
    private func event(wd: Int32, mask: Int32, name: String, padded: Int) -> [UInt8] {
        var header = inotify_event()
        header.wd = wd
        header.mask = UInt32(mask)
        header.len = UInt32(padded)
        var bytes = withUnsafeBytes(of: header) { Array($0) }
        let nameBytes = Array(name.utf8)
        bytes += nameBytes + [UInt8](repeating: 0, count: padded - nameBytes.count)
        return bytes
    }

    @Test func variableLengthEventsAndOverflow() throws {
        let watcher = try InotifyWatcher()
        let temp = try DropTestFolder()
        defer { temp.remove() }
        try watcher.watch(temp.path)
        // The first watch descriptor of a fresh inotify instance is 1.
        var buffer = event(wd: 1, mask: IN_MOVED_TO, name: "a.txt", padded: 16)
        buffer += event(wd: 1, mask: IN_CLOSE_WRITE, name: String(repeating: "b", count: 40) + ".csv", padded: 48)
        buffer += event(wd: -1, mask: IN_Q_OVERFLOW, name: "", padded: 0)
        buffer += event(wd: 99, mask: IN_CREATE, name: "tuntematon.txt", padded: 16)
        buffer += event(wd: 1, mask: IN_MODIFY, name: "kirjoitetaan.txt", padded: 32)
        buffer += event(wd: 1, mask: IN_CREATE, name: "uusi.txt", padded: 16)
        buffer += event(wd: 1, mask: IN_MOVED_FROM, name: "pois.txt", padded: 16)
        buffer += event(wd: 1, mask: IN_DELETE, name: "poistettu.txt", padded: 16)
        buffer += event(wd: 1, mask: IN_IGNORED, name: "", padded: 0)
        let events = buffer.withUnsafeBytes { watcher.parse($0) }
        #expect(events == [
            .changed(folder: temp.path, name: DropFileName("a.txt"), activity: .movedIn),
            .changed(folder: temp.path, name: DropFileName(String(repeating: "b", count: 40) + ".csv"), activity: .closed),
            .overflow,
            .changed(folder: temp.path, name: DropFileName("kirjoitetaan.txt"), activity: .written),
            .changed(folder: temp.path, name: DropFileName("uusi.txt"), activity: .created),
            .removed(folder: temp.path, name: DropFileName("pois.txt")),
            .removed(folder: temp.path, name: DropFileName("poistettu.txt")),
            .folderGone(temp.path),
        ])
    }

    @Test func aWritersScratchNamesAreNoNewsButAMarkerIs() throws {
        let watcher = try InotifyWatcher()
        let temp = try DropTestFolder()
        defer { temp.remove() }
        try watcher.watch(temp.path)
        // An upload written as a dot-file or *.part and renamed: only the final name is news (a
        // lone IN_MODIFY of the upload made the daemon loop wait 50 ms for more).
        var buffer = event(wd: 1, mask: IN_CREATE, name: ".lista.txt.part", padded: 16)
        buffer += event(wd: 1, mask: IN_MODIFY, name: ".lista.txt.part", padded: 16)
        buffer += event(wd: 1, mask: IN_MODIFY, name: "lataus.TMP", padded: 16)
        buffer += event(wd: 1, mask: IN_CLOSE_WRITE, name: "~$kirja.xlsx", padded: 16)
        buffer += event(wd: 1, mask: IN_MOVED_FROM, name: ".lista.txt.part", padded: 16)
        buffer += event(wd: 1, mask: IN_MOVED_TO, name: "lista.txt", padded: 16)
        buffer += event(wd: 1, mask: IN_CLOSE_WRITE, name: "lista.txt.done", padded: 16)
        let events = buffer.withUnsafeBytes { watcher.parse($0) }
        #expect(events == [
            .changed(folder: temp.path, name: DropFileName("lista.txt"), activity: .movedIn),
            .changed(folder: temp.path, name: DropFileName("lista.txt.done"), activity: .closed),
        ])
    }

    @Test func aTruncatedBufferDoesNotReadPastItsEnd() throws {
        let watcher = try InotifyWatcher()
        var buffer = event(wd: 1, mask: IN_MOVED_TO, name: "a.txt", padded: 16)
        buffer.removeLast(10)
        let events = buffer.withUnsafeBytes { watcher.parse($0) }
        #expect(events.isEmpty) // unknown watch: nothing to report, and no crash
    }
}
