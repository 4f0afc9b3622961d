#if canImport(Glibc)
import Glibc
#endif

/// Names the calling thread for the kernel (`top -H`, `ps -L`, gdb, `/proc/…/comm`).
///
/// Foundation's `Thread.name` on Linux reaches the kernel only when set on the running thread,
/// and even then one full-suite run saw a fresh thread keep the name it inherited from its
/// creator (`oot.default-qos`, the cooperative pool's). So the thread names itself here by
/// writing its `comm` file, which is what `pthread_setname_np` does (Glibc's Swift module does not
/// export that GNU extension). The kernel keeps 15 bytes; longer names are cut.
public enum KernelThreadName {
    /// Gives the calling thread `name` (its first 15 UTF-8 bytes); a refusal is ignored (a name only).
    public static func set(_ name: String) {
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
    }
}
