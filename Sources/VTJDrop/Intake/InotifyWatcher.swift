import Glibc
import Synchronization
import VTJCore

/// inotify on the department folders, used as a hint to scan early and as the kernel's word on
/// whether a file is still open for writing: the periodic scan decides what exists (network
/// shares give no events, and the queue can overflow; then files must settle).
package final class InotifyWatcher: Sendable {
    /// What the kernel reported.
    package enum Event: Sendable, Hashable {
        /// `name` under `folder` was created, written, closed after writing or moved in.
        case changed(folder: String, name: DropFileName, activity: WriteActivity)
        /// `name` left `folder` (deleted or renamed away): what was known about it no longer holds.
        case removed(folder: String, name: DropFileName)
        /// Events were lost: rescan everything.
        case overflow
        /// A watched folder was deleted, moved or unmounted: its drops are found by scans until it
        /// is back (the watcher keeps trying to watch it again).
        case folderGone(String)
        /// A folder reported gone exists again and is watched again: rescan it.
        case folderBack(String)

        /// Whether the event only says that a file is still being written (nothing to scan for).
        package var isWriteInProgress: Bool {
            if case .changed(_, _, .written) = self { return true }
            return false
        }
    }

    let descriptor: Int32
    /// A pipe whose written end wakes the reading thread of ``events(tick:)`` at once (a read asked
    /// for, or the sequence ended) instead of at its next tick; both ends non-blocking.
    let wakePipe: (read: Int32, write: Int32)
    /// Reads asked for with ``requestRead()`` so far (InotifyWatcher+Events).
    let readsRequested = Atomic<UInt64>(0)
    private let folders = Mutex<[Int32: String]>([:])
    /// Folders whose watch the kernel removed (deleted, moved away, unmounted), to be watched again.
    private let lost = Mutex<Set<String>>([])
    /// The reading threads of ``events(tick:)`` and ``deliveries(tick:)`` (InotifyWatcher+Events).
    let readers = OwnThreads()
    /// Each reading thread's stop, set by its stream's end or by ``stopReaders()``.
    let readerStops = Mutex<[ReaderStop]>([])

    /// Events worth a scan: a writer closed, a file was renamed in, or created (hard-link
    /// publishing, as OpenSSH's sftp-server does, shows only as a create); writes, so a file still
    /// open for writing is known (the kernel merges repeated writes into one queued event); and
    /// names leaving the folder.
    static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE | IN_MOVED_FROM
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    package init() throws(IntakeError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw .inotifyUnavailable(errno: errno) }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            let failure = errno
            close(descriptor)
            throw .inotifyUnavailable(errno: failure)
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        self.descriptor = descriptor
        self.wakePipe = (ends[0], ends[1])
    }

    deinit {
        close(descriptor)
        close(wakePipe.read)
        close(wakePipe.write)
    }

    /// Watches one folder.
    package func watch(_ folder: String) throws(IntakeError) {
        let watch = inotify_add_watch(descriptor, folder, InotifyWatcher.mask)
        guard watch >= 0 else { throw .system(operation: "watching", path: folder, errno: errno) }
        folders.withLock { $0[watch] = folder }
    }

    /// Tries to watch again every folder reported gone; ``Event/folderBack(_:)`` for each that is back.
    package func rewatchLost() -> [Event] {
        var back: [Event] = []
        for folder in lost.withLock({ $0 }).sorted() {
            let watch = inotify_add_watch(descriptor, folder, InotifyWatcher.mask)
            guard watch >= 0 else { continue }
            folders.withLock { $0[watch] = folder }
            lost.withLock { _ = $0.remove(folder) }
            back.append(.folderBack(folder))
        }
        return back
    }

    /// Waits up to `timeout` for events and returns what arrived (empty on timeout).
    package func wait(timeout: Duration) -> [Event] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        // Rounded up: a timeout of 0.4 ms must not become poll(0), which returns at once.
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000
            + (timeout.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        let ready = poll(&poller, 1, max(milliseconds, 0))
        guard ready > 0 else { return [] }
        return drain()
    }

    /// Reads every queued event without blocking.
    package func drain() -> [Event] {
        var events: [Event] = []
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return events }
            events += parse(UnsafeRawBufferPointer(start: buffer, count: count))
        }
    }

    /// Events are variable length: a fixed header, then `len` bytes of NUL-padded name (the
    /// flexible array member Swift cannot see), so walk them with raw pointer arithmetic.
    func parse(_ bytes: UnsafeRawBufferPointer) -> [Event] {
        var events: [Event] = []
        let header = MemoryLayout<inotify_event>.size
        var offset = 0
        while offset + header <= bytes.count {
            let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = offset + header
            let nameEnd = min(nameStart + Int(event.len), bytes.count)
            let name = Array(bytes[nameStart..<nameEnd].prefix { $0 != 0 })
            offset = nameStart + Int(event.len)
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                events.append(.overflow)
                continue
            }
            let folder = folders.withLock { $0[event.wd] }
            if event.mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT) != 0 {
                if let folder {
                    if event.mask & UInt32(IN_IGNORED) != 0 {
                        _ = folders.withLock { $0.removeValue(forKey: event.wd) }
                        lost.withLock { _ = $0.insert(folder) }
                    } else if event.mask & UInt32(IN_MOVE_SELF) != 0 {
                        // The watch follows the moved folder; the path it stood for is what matters.
                        inotify_rm_watch(descriptor, event.wd)
                    }
                    if !events.contains(.folderGone(folder)) { events.append(.folderGone(folder)) }
                }
                continue
            }
            guard let folder, !name.isEmpty else { continue }
            let file = DropFileName(raw: name)
            // A writer's scratch name says nothing intake acts on, and its events cost a turn: an
            // upload's `IN_MODIFY` read alone made the loop wait 50 ms for more ("still written"),
            // while the rename that made the drop ready followed at once (issue 15 goal 4).
            if let rule = DropNameRule.exclusion(for: file.display), rule.isScratch { continue }
            if event.mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                events.append(.removed(folder: folder, name: file))
            } else if let activity = Self.activity(event.mask) {
                events.append(.changed(folder: folder, name: file, activity: activity))
            }
        }
        return events
    }

    /// What an event says about writing (the latest state wins when several bits are set).
    static func activity(_ mask: UInt32) -> WriteActivity? {
        if mask & UInt32(IN_CLOSE_WRITE) != 0 { return .closed }
        if mask & UInt32(IN_MODIFY) != 0 { return .written }
        if mask & UInt32(IN_MOVED_TO) != 0 { return .movedIn }
        if mask & UInt32(IN_CREATE) != 0 { return .created }
        return nil
    }

    /// File system types whose changes made by other machines never reach this kernel's inotify.
    package static let remoteFileSystemTypes: Set<String> = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "sshfs"]

    /// Whether events can be trusted for `folder`: false on network and FUSE file systems (or
    /// when the mount cannot be determined), where scans alone must find new files.
    package static func seesAllChanges(folder: String) -> Bool {
        guard let type = fileSystemType(of: folder) else { return false }
        return !remoteFileSystemTypes.contains(type) && !type.hasPrefix("fuse")
    }

    /// The type of the mount holding `folder` (longest mount point prefix in /proc/self/mounts).
    package static func fileSystemType(of folder: String) -> String? {
        guard let resolved = realpath(folder, nil) else { return nil }
        let path = String(cString: resolved)
        free(resolved)
        let descriptor = open("/proc/self/mounts", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            content += chunk[0..<count]
        }
        var best: (length: Int, type: String)?
        for line in content.split(separator: 0x0A) {
            let fields = line.split(separator: 0x20)
            guard fields.count >= 3 else { continue }
            let mountPoint = unescapeMountField(fields[1])
            let type = String(decoding: fields[2], as: UTF8.self)
            let contains = mountPoint == "/" || path == mountPoint || path.hasPrefix(mountPoint + "/")
            if contains && mountPoint.utf8.count >= (best?.length ?? -1) { best = (mountPoint.utf8.count, type) }
        }
        return best?.type
    }

    /// /proc/self/mounts writes space, tab, newline and backslash as octal escapes (`\040`).
    private static func unescapeMountField(_ field: ArraySlice<UInt8>) -> String {
        var bytes: [UInt8] = []
        var index = field.startIndex
        while index < field.endIndex {
            if field[index] == 0x5C, index + 3 < field.endIndex + 0, field.index(index, offsetBy: 3) < field.endIndex,
               let value = UInt8(String(decoding: field[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(field[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
