import Foundation
import Glibc
import Synchronization
import VTJClient

extension InotifyWatcher {
    /// What the reading thread of ``deliveries(tick:)`` hands over, in the order it read it.
    enum Delivery: Sendable {
        case events([Event])
        /// Every read asked for with ``requestRead()`` up to this number is done: the events the
        /// kernel had queued when it was asked came in an earlier delivery.
        case readThrough(UInt64)
    }

    /// The watcher's events as an async sequence, read on a thread of its own (a blocking `poll`
    /// must not sit on the cooperative pool). Each `tick` the thread also tries to watch again the
    /// folders reported gone (``Event/folderBack(_:)`` when one is back). Ending the iteration
    /// (the consuming task cancelled at a graceful shutdown, or the sequence dropped) ends the
    /// thread at once.
    package func events(tick: Duration = .milliseconds(250)) -> AsyncStream<[Event]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [Event].self)
        startReading(tick: tick, continuation) { delivery in
            if case .events(let events) = delivery { continuation.yield(events) }
        }
        return stream
    }

    /// ``events(tick:)`` with the answers to ``requestRead()`` among them. Unbounded: its one
    /// reader (``InotifyHints``) takes each delivery at once and bounds what it keeps.
    func deliveries(tick: Duration) -> AsyncStream<Delivery> {
        let (stream, continuation) = AsyncStream.makeStream(of: Delivery.self)
        startReading(tick: tick, continuation) { continuation.yield($0) }
        return stream
    }

    /// The reading thread behind a stream: it ends when the stream's iteration ends, and then
    /// finishes the stream.
    private func startReading<Element>(tick: Duration, _ continuation: AsyncStream<Element>.Continuation,
                                       deliver: @escaping @Sendable (Delivery) -> Void) {
        let stopped = ReaderStop()
        readerStops.withLock { $0.append(stopped) }
        continuation.onTermination = { [self] _ in
            stopped.stop()
            wakeReader()
        }
        let started = readers.start { [self] in
            KernelThreadName.set("vtjdrop-inotify")
            var answered: UInt64 = 0
            while !stopped.isStopped {
                waitForNews(timeout: tick)
                // Taken before reading: whoever asked up to here asked before this read began.
                let asked = readsRequested.load(ordering: .acquiring)
                let events = drain() + rewatchLost()
                if !events.isEmpty { deliver(.events(events)) }
                if asked > answered {
                    deliver(.readThrough(asked))
                    answered = asked
                }
            }
            continuation.finish()
        }
        // No thread for it: the stream ends at once and the runner scans on its interval only.
        if started == nil { continuation.finish() }
    }

    /// Ends every reading thread and waits until each has exited (before the program exits: none
    /// may still be ending when `exit()` runs the libraries' cleanup); their streams finish.
    package func stopReaders() -> OwnThreads.Counts {
        for stop in readerStops.withLock({ $0 }) { stop.stop() }
        wakeReader()
        return readers.joinAll()
    }

    /// Asks the reading thread of ``deliveries(tick:)`` to read what the kernel has queued now;
    /// the ``Delivery/readThrough(_:)`` reaching the returned number answers it.
    func requestRead() -> UInt64 {
        let ticket = readsRequested.add(1, ordering: .acquiringAndReleasing).newValue
        wakeReader()
        return ticket
    }

    private func wakeReader() {
        var byte: UInt8 = 1
        // A full pipe already wakes the thread: the byte is not needed then.
        _ = write(wakePipe.write, &byte, 1)
    }

    /// Waits up to `timeout` for an event or a wake-up (which it consumes); reads nothing.
    private func waitForNews(timeout: Duration) {
        var pollers = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)]
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000
            + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&pollers, 2, max(milliseconds, 1)) > 0, pollers[1].revents != 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakePipe.read, &bytes, bytes.count) > 0 {}
    }
}

/// Tells one reading thread to end.
final class ReaderStop: Sendable {
    private let flag = Mutex(false)
    var isStopped: Bool { flag.withLock { $0 } }
    func stop() { flag.withLock { $0 = true } }
}
