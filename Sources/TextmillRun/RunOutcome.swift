/// How a run ended, when it did not fail.
public enum RunOutcome: Sendable {
    /// Every input was processed and the output is complete.
    case finished(RunReport)
    /// The observer asked it to stop; the output is a resumable prefix where `keptIn` says.
    case stopped(RunReport)
    /// The database already holds this very run, complete: nothing was done.
    case alreadyComplete(documents: Int, failed: Int)
}

/// What a finished or stopped run did.
public struct RunReport: Sendable {
    public var summary: RunSummary
    /// Where an interrupted run's records stay for a resume (nil: it cannot be continued).
    public var keptIn: String?
    /// The second summary line of token shard output.
    public var shardsLine: String?
    /// Documents an earlier run had written before this one continued it.
    public var skipped: Int
}
