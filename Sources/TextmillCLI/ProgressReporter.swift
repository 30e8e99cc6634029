import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// The live progress line on stderr: documents, MB, rates, percent and ETA when the input size
/// is known, workers alive and errors; redrawn in place at most four times a second on a
/// terminal, or written as a plain line once a second into a log (`--progress` without a TTY).
final class ProgressReporter {
    private let totalBytes: Int?
    private let onTerminal = isatty(2) == 1
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant
    private var drawn = false

    init(totalBytes: Int?) {
        self.totalBytes = totalBytes
        started = clock.now
        lastDrawn = started
    }

    /// Redraws the line if a quarter second has passed (or always, when `force`).
    func update(documents: Int, bytes: Int, failed: Int, workers: Int, force: Bool = false) {
        let now = clock.now
        guard force || now - lastDrawn >= (onTerminal ? .milliseconds(250) : .seconds(1)) else { return }
        lastDrawn = now
        let seconds = max((now - started).seconds, 1e-6)
        var parts = [
            "\(documents) docs", "\(format(Double(bytes) / 1e6)) MB",
            "\(Int(Double(documents) / seconds)) docs/s", "\(format(Double(bytes) / 1e6 / seconds)) MB/s",
        ]
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytes) / Double(totalBytes))
            parts.append("\(Int(fraction * 100))%")
            if fraction > 0 {
                let eta = Int(seconds / fraction - seconds)
                parts.append("ETA \(eta / 60):\(eta % 60 < 10 ? "0" : "")\(eta % 60)")
            }
        }
        parts.append("\(workers) worker\(workers == 1 ? "" : "s")")
        parts.append("\(failed) error\(failed == 1 ? "" : "s")")
        if onTerminal {
            FileHandleStderr.write("\r\u{1B}[2K" + parts.joined(separator: " · "), newline: false)
        } else {
            FileHandleStderr.write("progress: " + parts.joined(separator: " · "), newline: true)
        }
        drawn = true
    }

    /// Ends the line so the summary starts on a fresh one.
    func finish() {
        if drawn && onTerminal { FileHandleStderr.write("\r\u{1B}[2K", newline: false) }
    }
}
