import TextmillRun

/// A run observer that never stops the run.
final class SilentObserver: RunObserver {
    func starting(totalBytes: Int?) {}
    func progress(_ progress: RunProgress, final: Bool) {}
    var shouldStop: Bool { false }
    func notice(_ message: String) {}
}
