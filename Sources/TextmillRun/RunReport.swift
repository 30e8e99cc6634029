/// What a finished or stopped run did.
public struct RunReport: Sendable {
    public var summary: RunSummary
    /// Where an interrupted run's records stay for a resume (nil: it cannot be continued).
    public var keptIn: String?
    /// The second summary line of token shard output.
    public var shardsLine: String?
    /// Documents an earlier run had written before this one continued it.
    public var skipped: Int
    /// Records the output holds for a resume when the run stopped early: a database sink's
    /// confirmed commits (it may have sent more), else every record written.
    public var kept: Int
}
