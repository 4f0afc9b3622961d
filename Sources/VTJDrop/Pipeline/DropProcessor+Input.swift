import Foundation
import Glibc
import VTJCore

/// The claimed input changed after the claim: its writer still writes (an open descriptor follows
/// the file into the work folder). Nothing is published from it; it is read again, whole, once quiet.
struct InputChanging: Error, CustomStringConvertible {
    let description: String
    /// When to look again, from now.
    let retryIn: Duration
}

extension DropProcessor {
    /// The settle period, at least a second: how long a changed input must stay quiet.
    var quietPeriod: Duration { max(.seconds(1), appliance.configuration.intake.settle) }

    /// Reads the claimed input into its content, refusing to use bytes that may not be its final content.
    ///
    /// Unchanged since the claim: read at once (the fast path). Changed since the claim, or resumed
    /// after a restart (its claim stamp is unknown): read only once it has been quiet for the settle
    /// period by its change time, which the kernel sets on every write. Changed while being read:
    /// not used. A plain UTF-8 list is read in chunks, twice (``DropTextScan``, then
    /// ``HetuListStream``), never held whole; anything else whole, by ``DropContentReader``. Also
    /// finds whether a publication of the department had the same bytes (``earlierPublication(ofFile:size:department:)``).
    func readStable(_ claimed: ClaimedFile, chunkSize: Int = ClaimedFile.chunkSize) throws
        -> (content: DropContent, stamp: InputStamp, repeatOf: EarlierPublication?) {
        guard let before = claimed.currentStamp() else {
            throw IntakeError.system(operation: "inspecting", path: claimed.path, errno: errno)
        }
        if before != claimed.claimStamp {
            let quiet = Duration.nanoseconds(before.quietFor(nowNanoseconds: Self.realTimeNanoseconds()))
            if quiet < quietPeriod {
                throw InputChanging(
                    description: "the file was still being written after it was claimed; it is read again, whole, once unchanged for \(quietPeriod.wholeSecondsUp) s",
                    retryIn: max(.milliseconds(500), quietPeriod - max(.zero, quiet)))
            }
        }
        let limit = appliance.configuration.intake.maxFileBytes
        func unchanged(_ sizes: [Int]) throws {
            guard let after = claimed.currentStamp(), after == before, sizes.allSatisfy({ Int64($0) == after.size }) else {
                throw InputChanging(description: "the file changed while it was read; it is read again, whole, once unchanged",
                                    retryIn: quietPeriod)
            }
        }
        var content: DropContent
        do {
            if let (list, sizes) = try readListInChunks(claimed, limit: limit, chunkSize: chunkSize) {
                try unchanged(sizes)
                content = list
            } else {
                let bytes = try claimed.readAll(limit: limit)
                try unchanged([bytes.count])
                content = try DropContentReader.read(bytes, fileName: claimed.originalName)
            }
        } catch let error as DropReadError {
            // A file that changed while it was read is read again, not refused for what it held then.
            try unchanged([])
            throw error
        }
        // Each code's line is for `vtjdrop hetu`'s report; a drop would hold them to its end.
        content.hetuLines = FirstLines()
        let repeatOf = earlierPublication(ofFile: claimed.path, size: Int(before.size), department: claimed.department)
        try unchanged([])
        return (content, before, repeatOf)
    }

    /// A plain UTF-8 list read in two passes of chunks, with the bytes each pass read; nil when the
    /// file is something else (a request document, a workbook, another encoding, a CSV table),
    /// which is read whole.
    func readListInChunks(_ claimed: ClaimedFile, limit: Int64, chunkSize: Int) throws -> (DropContent, [Int])? {
        guard claimed.originalName.fileExtension.lowercased() != "xml" else { return nil }
        var scan = DropTextScan()
        let scanned = try claimed.readChunks(limit: limit, chunkSize: chunkSize) { chunk, _ in
            scan.add(chunk)
            return true
        }
        guard let encoding = scan.finish() else { return nil }
        var stream = HetuListStream(encoding: encoding, size: scanned, file: claimed.originalName.display)
        var plain = true
        let streamed = try claimed.readChunks(limit: limit, chunkSize: chunkSize) { chunk, isLast in
            plain = try stream.add(chunk, isLast: isLast)
            return plain
        }
        guard plain else { return nil }
        return (try stream.finish(), [scanned, streamed])
    }

    /// Throws ``InputChanging`` when the input is no longer what was read: called before anything
    /// is published, so a result never stands for a file that went on growing.
    func ensureInputUnchanged(_ context: DropContext) throws {
        guard let read = context.inputStamp else { return }
        if context.claimed.currentStamp() != read {
            throw InputChanging(description: "the file changed after it was read; nothing was published from it, it is read again, whole, once unchanged",
                                retryIn: quietPeriod)
        }
    }

    /// The kernel's wall clock, which sets file change times (not the injected clock: tests move that one).
    static func realTimeNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
