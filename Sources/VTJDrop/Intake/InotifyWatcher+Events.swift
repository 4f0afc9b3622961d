import Foundation
import Synchronization

extension InotifyWatcher {
    /// Events as an async sequence, read on a dedicated thread (a blocking `poll` must not sit
    /// on the cooperative pool). The thread ends within `tick` after the stream is dropped.
    public func hints(tick: Duration = .milliseconds(250)) -> AsyncStream<[Event]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [Event].self, bufferingPolicy: .bufferingNewest(64))
        let stopped = StopFlag()
        continuation.onTermination = { _ in stopped.stop() }
        let thread = Thread { [self] in
            while !stopped.isStopped {
                let events = wait(timeout: tick)
                if !events.isEmpty { continuation.yield(events) }
            }
        }
        thread.name = "vtjdrop-inotify"
        thread.start()
        return stream
    }

    /// Chooses how drops are noticed for `folders` under the configured watch mode. Scans
    /// always run; the watcher (when returned) only makes them happen sooner.
    public static func plan(mode: IntakeSettings.WatchMode, folders: [String]) throws(IntakeError) -> WatchPlan {
        if mode == .poll { return WatchPlan(watcher: nil, notes: ["watch: poll, so drops are found by periodic scans only"]) }
        let watcher: InotifyWatcher
        do throws(IntakeError) {
            watcher = try InotifyWatcher()
        } catch {
            if mode == .inotify { throw error }
            return WatchPlan(watcher: nil, notes: ["\(error); drops are found by periodic scans only"])
        }
        var notes: [String] = []
        for folder in folders {
            if !seesAllChanges(folder: folder) {
                notes.append("\(folder) is on a network or FUSE file system (\(fileSystemType(of: folder) ?? "unknown")): its changes made elsewhere give no events, scans find them")
            }
            do throws(IntakeError) {
                try watcher.watch(folder)
            } catch {
                if mode == .inotify { throw error }
                notes.append("\(error); scans still find its drops")
            }
        }
        return WatchPlan(watcher: watcher, notes: notes)
    }
}

/// The outcome of ``InotifyWatcher/plan(mode:folders:)``: the watcher to take hints from (nil:
/// scans only) and lines worth logging once at startup.
public struct WatchPlan: Sendable {
    /// The watcher to take hints from; nil means scans only.
    public let watcher: InotifyWatcher?
    /// Lines to log once at startup (fallbacks, network file systems).
    public let notes: [String]
}

private final class StopFlag: Sendable {
    private let flag = Mutex(false)
    var isStopped: Bool { flag.withLock { $0 } }
    func stop() { flag.withLock { $0 = true } }
}
