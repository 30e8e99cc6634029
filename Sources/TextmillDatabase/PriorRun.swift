/// What a table already holds for a run key when a sink opens it.
public enum PriorRun: Equatable, Sendable {
    /// Nothing: a new run.
    case none
    /// A run that stopped before finishing (killed, interrupted, failed), with its committed rows.
    case interrupted(documents: Int)
    /// A run that finished: rerunning the same job has nothing to do.
    case complete(documents: Int, failed: Int)
}
