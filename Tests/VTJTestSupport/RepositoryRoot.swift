import Foundation

/// The repository's root folder, for tests that read files of the source tree (examples/, docs/,
/// scripts/, golden files).
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
