import Glibc

/// A result, receipt, archive or quarantine move could not be done; one line saying what to do.
package enum DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A system call failed on a path.
    case system(operation: String, path: String, errno: Int32)
    /// The target name is taken; nothing is ever overwritten.
    case alreadyExists(path: String)
    /// A result name that is not a single plain file name.
    case invalidName(String)
    /// The pending file was already committed or abandoned.
    case finished(String)
    /// Every unique-suffix alternative was taken too (never retried forever).
    case noFreeName(path: String, attempts: Int)

    package var description: String {
        switch self {
        case .system(let operation, let path, let code):
            "\(operation) \(path) failed: \(DeliveryError.message(code)); check free space and the folder's owner and permissions"
        case .alreadyExists(let path):
            "\(path) already exists and is never overwritten; move the old file away or let the appliance pick a new name"
        case .invalidName(let name):
            "\(name.debugDescription) is not a plain file name (no '/', no leading dot, at most 255 bytes)"
        case .finished(let path):
            "\(path) was already committed or abandoned; start a new pending file"
        case .noFreeName(let path, let attempts):
            "\(path) and \(attempts) numbered alternatives all exist; clean up the folder"
        }
    }

    static func message(_ code: Int32) -> String {
        // glibc's strerror returns constant strings for known codes (thread-safe since 2.32).
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}
