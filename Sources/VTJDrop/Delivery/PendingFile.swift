import Glibc

/// A result being written: appended in chunks (so a million rows never sit in memory), then
/// committed (published atomically) or abandoned (nothing is left behind).
package final class PendingFile {
    private let publisher: Publisher
    /// The name it will be published under.
    package let name: String
    private let temporaryFolder: Int32
    private let temporaryName: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let bufferLimit = 64 * 1024
    /// Bytes appended so far.
    package private(set) var byteCount: Int64 = 0

    init(publisher: Publisher, name: String, temporaryFolder: Int32, temporaryName: String, descriptor: Int32) {
        self.publisher = publisher
        self.name = name
        self.temporaryFolder = temporaryFolder
        self.temporaryName = temporaryName
        self.descriptor = descriptor
        buffer.reserveCapacity(PendingFile.bufferLimit)
    }

    deinit { abandon() }

    /// The temp file's path (for diagnostics; it is never the published path).
    package var temporaryPath: String { publisher.temporaryFolder + "/" + temporaryName }

    /// Appends bytes (buffered; written in 64 KiB blocks).
    package func append(_ bytes: some Collection<UInt8>) throws(DeliveryError) {
        guard descriptor >= 0 else { throw .finished(temporaryPath) }
        buffer.append(contentsOf: bytes)
        byteCount += Int64(bytes.count)
        if buffer.count >= PendingFile.bufferLimit { try flush() }
    }

    /// Flushes the buffer and lends the temp file's descriptor to a writer that writes on its own
    /// (libxml2's xmlTextWriter for result XML). The writer must flush before `body` returns;
    /// the descriptor stays this file's to fsync, publish and close.
    package func withDescriptor<T>(_ body: (Int32) throws -> T) throws -> T {
        try flush()
        guard descriptor >= 0 else { throw DeliveryError.finished(temporaryPath) }
        return try body(descriptor)
    }

    /// The file's end once everything appended or written through ``withDescriptor(_:)`` is out.
    package func endOffset() throws -> Int64 {
        try withDescriptor { descriptor in
            let end = lseek(descriptor, 0, SEEK_END)
            guard end >= 0 else { throw DeliveryError.system(operation: "seeking", path: temporaryPath, errno: errno) }
            return Int64(end)
        }
    }

    /// Cuts byte ranges out of what was written (a withdrawn person's rows), moving the rest down,
    /// and continues at the new end. Nothing was published yet, so nobody ever saw the cut bytes.
    package func excise(_ ranges: [Range<Int64>]) throws {
        try withDescriptor { descriptor in
            let end = Int64(lseek(descriptor, 0, SEEK_END))
            var cuts = ranges.filter { !$0.isEmpty && $0.lowerBound >= 0 && $0.upperBound <= end }
                .sorted { $0.lowerBound < $1.lowerBound }
            guard !cuts.isEmpty else { return }
            cuts.append(end..<end)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var target = cuts[0].lowerBound
            for index in 0..<(cuts.count - 1) {
                // Keep what lies between this cut and the next.
                var source = max(cuts[index].upperBound, target)
                let stop = cuts[index + 1].lowerBound
                while source < stop {
                    let count = Int(min(Int64(chunk.count), stop - source))
                    let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(source)) }
                    guard read > 0 else { throw DeliveryError.system(operation: "reading back", path: temporaryPath, errno: read < 0 ? errno : EIO) }
                    var done = 0
                    while done < read {
                        let wrote = chunk.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, read - done, off_t(target) + off_t(done)) }
                        if wrote < 0 && errno == EINTR { continue }
                        guard wrote > 0 else { throw DeliveryError.system(operation: "writing", path: temporaryPath, errno: wrote < 0 ? errno : EIO) }
                        done += wrote
                    }
                    source += Int64(read)
                    target += Int64(read)
                }
            }
            guard ftruncate(descriptor, off_t(target)) == 0, lseek(descriptor, 0, SEEK_END) >= 0 else {
                throw DeliveryError.system(operation: "truncating", path: temporaryPath, errno: errno)
            }
            byteCount = target
        }
    }

    /// Appends text as UTF-8.
    package func append(_ text: String) throws(DeliveryError) { try append(text.utf8) }

    private func flush() throws(DeliveryError) {
        if !buffer.isEmpty, let injected = DeliveryFaultInjection.error(at: .write, folder: publisher.folder) {
            throw .system(operation: "writing", path: temporaryPath, errno: injected)
        }
        if let failed = DescriptorWrite.all(buffer, to: descriptor) {
            throw .system(operation: "writing", path: temporaryPath, errno: failed)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, fsyncs and publishes without overwriting; returns the published path. On
    /// failure the temp file is removed and nothing is visible in the outbox.
    @discardableResult
    package func commit() throws(DeliveryError) -> String {
        guard state == .open, descriptor >= 0 else { throw .finished(temporaryPath) }
        do throws(DeliveryError) {
            let path = try publish()
            state = .committed
            close(temporaryFolder)
            return path
        } catch {
            abandon()
            throw error
        }
    }

    private func publish() throws(DeliveryError) -> String {
        try flush()
        guard fsync(descriptor) == 0 else { throw .system(operation: "syncing", path: temporaryPath, errno: errno) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw .system(operation: "closing", path: temporaryPath, errno: errno) }
        let outbox = open(publisher.folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard outbox >= 0 else { throw .system(operation: "opening", path: publisher.folder, errno: errno) }
        defer { close(outbox) }
        let code = DeliveryFaultInjection.error(at: .publish, folder: publisher.folder)
            ?? NoReplaceRename.rename(temporaryFolder, Array(temporaryName.utf8), outbox, name,
                                      forceFallback: publisher.forceLinkFallback)
        if code == EEXIST { throw .alreadyExists(path: publisher.folder + "/" + name) }
        guard code == 0 else { throw .system(operation: "publishing", path: publisher.folder + "/" + name, errno: code) }
        // The new name must survive a crash before the journal says "published". The temp folder
        // is not synced: a temp name power loss brings back is one more link to the published file,
        // removed at the next start (Publisher.removeStaleTemporaryFiles) — one fsync fewer per file
        // on a small drop's way to its receipt (issue 15 goal 4).
        _ = fsync(outbox)
        return publisher.folder + "/" + name
    }

    /// Throws the written bytes away; the outbox never sees them. Safe to call more than once.
    package func abandon() {
        guard state == .open else { return }
        state = .abandoned
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        _ = unlinkat(temporaryFolder, temporaryName, 0)
        close(temporaryFolder)
    }

    private enum State { case open, committed, abandoned }
    private var state = State.open
}
