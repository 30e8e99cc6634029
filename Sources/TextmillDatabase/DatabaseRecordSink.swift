import TextmillOutput

/// A record sink that writes into a database table, one transaction per chunk, and keeps a
/// ledger of runs so that rerunning a job never duplicates a row.
///
/// Rows are keyed by (`runKey`, ordinal): the run key names the job (pipeline fingerprint and
/// input identity), the ordinal is the document's 1-based position in the input. Opening a
/// sink reads `priorRun`; `begin` then starts the run, continues it, or refuses.
/// `abandon` keeps the committed chunks: they are exactly what `--resume` continues after.
public protocol DatabaseRecordSink: RecordSink {
    /// What the table held for this run key when the sink was opened.
    var priorRun: PriorRun { get }
    /// The destination as messages name it (never with a password).
    var destinationName: String { get }
    /// Documents committed for this run key, including those of an earlier, resumed run.
    var documentsCommitted: Int { get }
    /// Starts writing. With `resume`, continues an interrupted run and returns how many input
    /// documents it already holds (to skip); without, discards an interrupted run's rows and
    /// starts over (returns 0). `description` (JSON) is kept in the runs table.
    func begin(resume: Bool, description: [UInt8]) throws(OutputError) -> Int
}
