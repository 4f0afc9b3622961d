import Foundation

/// A file in a fresh temporary folder, opened for reading; removed when released.
final class TemporaryFile {
    let folder: URL
    let path: String
    let descriptor: Int32

    init(bytes: [UInt8], name: String = "body.xml") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vtjxml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(at: folder)
    }
}
