import Glibc

/// The intake could not work on a folder or a file; one line that says what to do.
package enum IntakeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A system call failed on a path (the folder, the work folder, a file name shown escaped).
    case system(operation: String, path: String, errno: Int32)
    /// A department folder is a symbolic link or not a folder.
    case notAFolder(path: String)
    /// Another vtjdrop holds the state folder's lock.
    case stateLocked(path: String, holder: String)
    /// The inbox and the state folder are on different file systems (rename cannot claim).
    case crossDevice(from: String, to: String)
    /// inotify is unavailable (kernel, limits) while it was required.
    case inotifyUnavailable(errno: Int32)

    package var description: String {
        switch self {
        case .system(let operation, let path, let code):
            "\(operation) \(path) failed: \(IntakeError.message(code)); check that the folder exists and vtjdrop may use it"
        case .notAFolder(let path):
            "\(path) is not a real folder (a symbolic link or a file); make it a folder owned by the appliance"
        case .stateLocked(let path, let holder):
            "the state folder \(path) is in use by another vtjdrop (\(holder)); stop it, or give this one its own --state"
        case .crossDevice(let from, let to):
            "\(from) and \(to) are on different file systems, so files cannot be claimed atomically; put the inbox and the state folder on the same file system"
        case .inotifyUnavailable(let code):
            "inotify is not available (\(IntakeError.message(code))); raise fs.inotify.max_user_instances or use watch: poll"
        }
    }

    static func message(_ code: Int32) -> String {
        // glibc's strerror returns constant strings for known codes (thread-safe since 2.32).
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}
