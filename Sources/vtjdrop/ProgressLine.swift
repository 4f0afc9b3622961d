import Foundation
import VTJDrop

/// `run --once` and `demo` on a terminal: one line on stderr, redrawn twice a second, with the
/// messages answered of those planned, henkilötunnus per second and the time left. Nothing at all
/// when stderr is not a terminal (cron, pipes, journald), so logs and scripts never see it.
final class ProgressLine: @unchecked Sendable {  // `task` is set and read on the caller's task only
    private let progress: DropProgress
    private let started = ContinuousClock.now
    private var task: Task<Void, Never>?
    let isActive: Bool

    init(progress: DropProgress, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.progress = progress
        self.isActive = isTerminal
    }

    /// Starts redrawing (no-op off a terminal).
    func start() {
        guard isActive else { return }
        task = Task { [progress, started] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let reading = progress.reading
                // Back to the line's start afterwards: a log line written meanwhile overwrites it.
                if !Task.isCancelled, reading.messagesPlanned > 0 { Self.draw(Self.text(reading, elapsed: .now - started) + "\u{1B}[K\r") }
            }
        }
    }

    /// Stops and leaves the final figures on their own line.
    func finish() async {
        guard isActive else { return }
        task?.cancel()
        await task?.value
        let reading = progress.reading
        if reading.messagesPlanned > 0 { Self.draw(Self.text(reading, elapsed: .now - started, done: true) + "\u{1B}[K\n") }
    }

    /// `messages 3/10 · 2,400 hetu/s · about 4 s left`.
    static func text(_ reading: DropProgress.Reading, elapsed: Duration, done: Bool = false) -> String {
        let seconds = max(0.001, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let rate = Double(reading.hetusDone) / seconds
        var text = "messages \(reading.messagesDone)/\(reading.messagesPlanned) · \(Int(rate.rounded())) hetu/s"
        if done {
            text += " · \(reading.hetusDone) henkilötunnus in \(String(format: "%.1f", seconds)) s"
        } else if rate > 0, reading.hetusPlanned > reading.hetusDone {
            text += " · about \(Int((Double(reading.hetusPlanned - reading.hetusDone) / rate).rounded(.up))) s left"
        }
        return text
    }

    private static func draw(_ text: String) {
        FileHandle.standardError.write(Data(("\r" + text).utf8))
    }
}
