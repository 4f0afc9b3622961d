import Foundation
import Glibc
import Testing
@testable import VTJDrop
import VTJCore
import VTJTestSupport

/// A file outside every inbox that hostile entries point at: its marker text must never appear
/// in any output, and neither its content nor its access time may change (nobody read it).
struct OutsideFile {
    let path: String
    let marker: String
    let content: String
    private let accessed: timespec

    /// Writes `<root>/outside/<name>` with a marker line, and sets its access time two days back
    /// so that any read would move it even under `relatime`.
    init(root: String, name: String = "salainen.txt", extraLines: [String] = []) throws {
        let folder = root + "/outside"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/" + name
        marker = "SALAINEN-MERKKI-" + UUID().uuidString
        content = ([marker] + extraLines).joined(separator: "\n") + "\n"
        try content.write(toFile: path, atomically: false, encoding: .utf8)
        let old = timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0)
        var times = [old, timespec(tv_sec: time(nil) - 3 * 86_400, tv_nsec: 0)]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw POSIXError(.EIO) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw POSIXError(.ENOENT) }
        accessed = info.st_atim
    }

    /// Content and access time are as written: the file was never opened for reading.
    var untouched: Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let now = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // Reading it here moves the access time again only after the comparison above.
        return info.st_atim.tv_sec == accessed.tv_sec && info.st_atim.tv_nsec == accessed.tv_nsec && now == content
    }
}

extension PipelineHarness {
    /// Every path under the temp root except the state folder, walked with lstat (links are not
    /// followed), names in their escaped display form.
    func pathsOutsideState() -> Set<String> {
        var found: Set<String> = []
        func walk(_ folder: String, _ relative: String) {
            guard let directory = opendir(folder) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let raw: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
                let shown = relative + DropFileName(raw: raw).display
                if shown == "state" { continue }
                found.insert(shown)
                var info = stat()
                let full = folder + "/" + String(decoding: raw, as: UTF8.self)
                if DropFileName(raw: raw).isPlain, lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    walk(full, shown + "/")
                }
            }
        }
        walk(root, "")
        return found
    }

    /// What appeared outside the state folder since `before`, except in the department's outbox.
    func newPathsOutsideOutbox(since before: Set<String>, department: String) -> [String] {
        pathsOutsideState().subtracting(before).filter { !$0.hasPrefix("outbox/" + department + "/") }.sorted()
    }

    /// Every byte under the outbox and state folders as text (the SQLite file included).
    func everyOutputByte() -> String {
        regularFileText(under: root + "/outbox") + regularFileText(under: root + "/state")
    }

    /// Every byte of every regular file under `folder`, walked with lstat: a quarantined link is
    /// not followed here either (reading its target would be the test's read, not the appliance's).
    func regularFileText(under folder: String) -> String {
        var text = ""
        guard let directory = opendir(folder) else { return "" }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let raw: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
            let full = folder + "/" + String(decoding: raw, as: UTF8.self)
            var info = stat()
            guard DropFileName(raw: raw).isPlain, lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: text += regularFileText(under: full)
            case S_IFREG:
                let descriptor = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
                guard descriptor >= 0 else { continue }
                defer { Glibc.close(descriptor) }
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    text += String(decoding: buffer[0..<count], as: UTF8.self)
                }
            default: continue
            }
        }
        return text
    }

    /// Receipts in a department's outbox, by name.
    func receipts(_ department: String) throws -> [String: String] {
        var found: [String: String] = [:]
        for name in outbox(department) where name.hasSuffix(".kuitti.txt") { found[name] = try read(department, name) }
        return found
    }

    /// The entries quarantined as `<state>/quarantine/<id>/<name>`, as `id/name`.
    func quarantined() -> [String] {
        let folder = root + "/state/quarantine"
        var found: [String] = []
        for id in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + id)) ?? []).sorted() {
                found.append(id + "/" + name)
            }
        }
        return found
    }

    /// The kind of a quarantined entry, by lstat (never following it).
    func quarantinedKind(_ relative: String) -> mode_t? {
        var info = stat()
        return lstat(root + "/state/quarantine/" + relative, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// Names left in a department's inbox folder.
    func inbox(_ department: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/inbox/" + department)) ?? []).sorted()
    }

    /// Temp files left in a department's publisher folder.
    func temporaryFiles(_ department: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: root + "/outbox/" + department + "/" + Publisher.temporaryFolderName)) ?? []
    }

    /// A good list dropped afterwards is published: the appliance keeps serving.
    func expectKeepsServing(_ department: String = "sivistys", sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let hetus = registry.hetus(where: [.resident], limit: 2)
        let name = "jatkuu-" + UUID().uuidString.prefix(8) + ".txt"
        try drop(department, name, hetus.joined(separator: "\n"))
        let summary = await runner.runOnce(maximumWait: .seconds(10))
        #expect(summary.published == 1, "a good drop after the hostile one: \(summary)", sourceLocation: sourceLocation)
        let stem = String(name.dropLast(4)) + "."
        #expect(outbox(department).filter { $0.hasPrefix(stem) }.count == 2, "\(outbox(department))", sourceLocation: sourceLocation)
    }

    /// Runs `runOnce`, failing the test instead of hanging when something in the inbox blocks it.
    func runOnceBounded(seconds: Int = 30) async -> ApplianceRunner.Summary? {
        await withTaskGroup(of: ApplianceRunner.Summary?.self) { group in
            group.addTask { await self.runner.runOnce(maximumWait: .seconds(10)) }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

/// Where a test can make a real full or read-only file system, and how it cleans up.
enum FileSystemTrap {
    /// Mounts a tmpfs of `kilobytes` on `folder`; false when the kernel or the user refuses.
    static func mountTmpfs(_ folder: String, kilobytes: Int) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0755", "tmpfs", folder])
    }

    /// Whether `folder` is on another file system than its parent (something is mounted on it).
    static func isMountPoint(_ folder: String) -> Bool {
        var own = stat(), parent = stat()
        guard stat(folder, &own) == 0, stat(folder + "/..", &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev
    }

    /// Makes `folder` read-only by a read-only bind mount over itself; false when not permitted.
    static func mountReadOnly(_ folder: String) -> Bool {
        guard run("/bin/mount", ["--bind", folder, folder]) else { return false }
        guard run("/bin/mount", ["-o", "remount,bind,ro", folder]) else {
            _ = unmount(folder)
            return false
        }
        return true
    }

    /// Unmounts (lazily if busy); true when something was unmounted.
    @discardableResult
    static func unmount(_ folder: String) -> Bool {
        run("/bin/umount", [folder]) || run("/bin/umount", ["-l", folder])
    }

    /// `chattr +i` (even root cannot create files in an immutable folder); false when not permitted.
    static func makeImmutable(_ folder: String) -> Bool { run("/usr/bin/chattr", ["+i", folder]) }

    /// `chattr -i`.
    @discardableResult
    static func makeMutable(_ folder: String) -> Bool { run("/usr/bin/chattr", ["-i", folder]) }

    /// `VTJDROP_TEST_NO_MOUNT=1` makes every trap refuse, to exercise the injected fallback the way
    /// a machine without mount rights does.
    static var refused: Bool { ProcessInfo.processInfo.environment["VTJDROP_TEST_NO_MOUNT"] != nil }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard !refused, getuid() == 0, FileManager.default.isExecutableFile(atPath: tool) else { return false }
        return (try? ChildProcess.runBlocking(tool, arguments))?.status == 0
    }

    /// Fills the file system holding `folder` until writes fail with ENOSPC; returns the filler's path.
    static func fill(_ folder: String) throws -> String {
        let path = folder + "/.filler.bin"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0x46, count: 4096)
        var total = 0
        while true {
            let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { break }
            total += written
            if total > 64 << 20 { throw POSIXError(.EFBIG) } // not a small file system after all
        }
        return path
    }
}
