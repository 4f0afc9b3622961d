import Foundation

/// A fresh folder under the system temp directory for one test, removed by ``remove()`` and at the
/// latest when the test process exits (``TempFolderSweeper``).
///
/// Not on release: Swift may release an object after its last use, before the scope ends, and a
/// test holding only a path into the folder (`let (_, file) = …`) would find it gone.
public final class TempFolder: Sendable {
    public let path: String
    public var url: URL { URL(fileURLWithPath: path) }

    /// - Parameter label: the folder name's prefix, so a left-over folder says which test made it.
    public init(_ label: String = "vtjdrop-test") throws {
        path = FileManager.default.temporaryDirectory.path + "/\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TempFolderSweeper.register(path)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes text to a file inside the folder (parents created) and returns its full path.
    @discardableResult
    public func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        try write(name, bytes: Array(text.utf8), mode: mode)
    }

    /// Writes bytes to a file inside the folder (parents created) and returns its full path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8], mode: Int = 0o644) throws -> String {
        let file = file(name)
        let parent = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    /// Removes the folder and everything in it (links are removed, never followed).
    public func remove() { TempFolderSweeper.removeTree(path) }

    /// The permission bits of a file.
    public static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
