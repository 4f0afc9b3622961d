import Glibc

/// One vtjdrop per state folder: an exclusive `flock` on `<state>/vtjdrop.lock`, held for the
/// process's life (the kernel drops it when the process dies, even on `kill -9`).
package final class StateLock: Sendable {
    /// The lock file's name inside the state folder.
    package static let fileName = "vtjdrop.lock"

    /// The lock file held.
    package let path: String
    private let descriptor: Int32

    /// Takes the lock or says who holds it.
    package init(stateFolder: String) throws(IntakeError) {
        let path = stateFolder + "/" + StateLock.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .system(operation: "opening", path: path, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            close(descriptor)
            if code == EWOULDBLOCK {
                let pid = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).filter(\.isNumber)
                throw .stateLocked(path: stateFolder, holder: pid.isEmpty ? "pid unknown" : "pid \(pid)")
            }
            throw .system(operation: "locking", path: path, errno: code)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
