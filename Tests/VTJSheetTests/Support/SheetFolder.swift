import Foundation

/// A fresh temporary folder for one test's workbooks, removed when released.
final class SheetFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vtjsheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` in the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}
