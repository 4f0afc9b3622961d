import Foundation
import Testing

/// Compares bytes with a golden file beside the tests; `VTJDROP_UPDATE_GOLDEN=1` rewrites it.
enum GoldenFile {
    static func url(_ folder: String, _ name: String, file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(folder).appendingPathComponent("Golden").appendingPathComponent(name)
    }

    static func check(_ bytes: [UInt8], folder: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = url(folder, name)
        if ProcessInfo.processInfo.environment["VTJDROP_UPDATE_GOLDEN"] == "1" {
            try Data(bytes).write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        let actual = Data(bytes)
        #expect(actual == expected,
                "differs from \(folder)/Golden/\(name); got:\n\(String(decoding: bytes, as: UTF8.self))",
                sourceLocation: sourceLocation)
    }
}
