/// How a run ended, when it did not fail.
public enum RunOutcome: Sendable {
    /// Every input was processed and the output is complete.
    case finished(RunReport)
    /// The observer asked it to stop; the output is a resumable prefix where `keptIn` says.
    case stopped(RunReport)
    /// The database already holds this very run, complete: nothing was done.
    case alreadyComplete(documents: Int, failed: Int)
}
