import Foundation
import Glibc

/// A fresh folder under /tmp for one test; `defer { temp.remove() }` right after creating it
/// (an explicit call, because Swift may end a value's lifetime at its last use).
struct DropTestFolder {
    let path: String

    init() throws {
        var template = Array("/tmp/vtjdrop-test-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else { throw POSIXError(.EIO) }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Creates `relative` (and its parents) as a folder; returns its path.
    @discardableResult
    func folder(_ relative: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// Writes a file with raw bytes as its name inside `folder`.
    static func write(_ bytes: [UInt8], named raw: [UInt8], in folder: String) throws {
        let parent = open(folder, O_RDONLY | O_DIRECTORY)
        guard parent >= 0 else { throw POSIXError(.ENOENT) }
        defer { close(parent) }
        var name = raw
        name.append(0)
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { openat(parent, $0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// Names in a folder (not following links), sorted.
    static func names(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
