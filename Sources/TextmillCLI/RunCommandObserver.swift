import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// `textmill run`'s watcher: SIGINT/SIGTERM stop the run, the progress line on stderr, and
/// notices about earlier runs' output (unless `--quiet`).
final class RunCommandObserver: RunObserver {
    private let showProgress: Bool
    private let quiet: Bool
    private var reporter: ProgressReporter?

    init(showProgress: Bool, quiet: Bool) {
        self.showProgress = showProgress
        self.quiet = quiet
    }

    func starting(totalBytes: Int?) {
        InterruptSignal.install()
        if !quiet && (showProgress || isatty(2) == 1) { reporter = ProgressReporter(totalBytes: totalBytes) }
    }

    func progress(_ progress: RunProgress, final: Bool) {
        reporter?.update(
            documents: progress.documents, bytes: progress.bytesRead, failed: progress.failed, workers: progress.workersAlive,
            force: final)
    }

    var shouldStop: Bool { InterruptSignal.current != 0 }

    func notice(_ message: String) {
        if !quiet { printError(message) }
    }

    /// Clears the progress line so the summary starts on a fresh one.
    func finish() { reporter?.finish() }
}
