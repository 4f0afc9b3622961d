import Foundation
import VTJTestSupport

/// A file in a fresh temporary folder, opened for reading; closed and removed when released.
final class TemporaryFile {
    let folder: TempFolder
    let path: String
    let descriptor: Int32

    init(bytes: [UInt8], name: String = "body.xml") throws {
        folder = try TempFolder("vtjxml")
        path = try folder.write(name, bytes: bytes)
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
    }

    deinit {
        close(descriptor)
        folder.remove()
    }
}
