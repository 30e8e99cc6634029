import TextmillDocuments
import TextmillJSON
import TextmillOutput

/// Records into a PostgreSQL table through libpq, streamed with `COPY … FROM STDIN` (text
/// format, see `PostgresCopyEncoder`). One COPY spans whole chunks for about `commitInterval`
/// and is a single statement, so a single transaction: its chunks are committed whole or not at
/// all, even when the server or textmill dies in the middle, and the committed rows of a run are
/// always ordinals 1…n, which is what `--resume` continues after.
///
/// The `record` column is `jsonb` (PostgreSQL normalizes key order and white space, so it
/// equals the JSONL record as JSON, not byte for byte). A session-level advisory lock on the
/// table and run key keeps two processes from writing the same run at once.
public final class PostgresRecordSink: DatabaseRecordSink {
    public let connection: PostgresConnection
    public let table: DatabaseTable
    public let runKey: String
    public private(set) var priorRun: PriorRun = .none
    /// How long one COPY (one transaction) stays open before the chunks sent in it are
    /// committed; zero commits every chunk on its own.
    public let commitInterval: Duration
    public private(set) var documentsCommitted = 0
    /// The last ordinal sent (committed, in the open COPY, or in the one ended and not yet confirmed).
    private var documentsSent = 0
    /// The last ordinal of the COPY ended and not yet confirmed.
    private var documentsEnded = 0
    /// Rows with an `error_code` (a resumed run's included): committed, sent, in the COPY ended.
    private var failedCommitted = 0
    private var failedSent = 0
    private var failedEnded = 0
    /// When the open COPY started.
    private var copyStarted = ContinuousClock.now
    public private(set) var bytesWritten = 0
    public var destinationName: String { connection.name }

    private var copyStatement = ""
    private var rows: PostgresCopyRows
    private var begun = false
    private var closed = false

    /// Connects, creates the tables when missing (checks them when present), takes the run's
    /// lock and reads what the table holds for `runKey`.
    public init(url: PostgresURL, table: DatabaseTable, runKey: String, commitInterval: Duration = .seconds(1)) throws(OutputError) {
        connection = try PostgresConnection(url: url)
        self.table = table
        self.runKey = runKey
        self.commitInterval = commitInterval
        rows = PostgresCopyRows(table: table, runKey: runKey)
        let locked = try connection.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [table.name + "\u{1}" + runKey])
        guard locked.first?.first == "t" else {
            throw OutputError(destinationName, "another textmill process is writing run \(runKey) into table \(table.name)")
        }
        try ensureSchema()
        priorRun = try readPriorRun()
        // Commits keep the server's durability (synchronous_commit as configured, on by
        // default): `documentsCommitted` only counts rows the server has confirmed, so what
        // textmill reports as kept is kept. One commit per `commitInterval` instead of one per
        // chunk keeps the disk flushes (and the per-COPY work) out of the way.
        // Records over ~2 KB are compressed when stored; pglz took a third of the server's time
        // in the benchmark, lz4 (PostgreSQL 14+, when built with it) a fraction of that. Where
        // lz4 is unavailable the server's default stays.
        try? connection.execute("SET default_toast_compression = lz4")
    }

    private var records: String { DatabaseTable.quoted(table.name) }
    private var runs: String { DatabaseTable.quoted(table.runsName) }

    private func ensureSchema() throws(OutputError) {
        try connection.execute(table.createStatement(.postgres))
        try connection.execute(table.createRunsStatement(.postgres))
        let catalogue = """
            SELECT column_name, udt_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """
        let found = try connection.query(catalogue, [table.name]).map { (name: $0[0] ?? "", type: $0[1] ?? "") }
        if let refusal = table.refusal(found: found, dialect: .postgres) { throw OutputError(destinationName, refusal) }
        let runColumns = try connection.query(catalogue, [table.runsName]).map { $0[0] ?? "" }
        if runColumns != DatabaseTable.runsColumns {
            throw OutputError(destinationName, "table \(table.runsName) exists with other columns (\(runColumns.joined(separator: ", "))); textmill keeps its runs there (\(DatabaseTable.runsColumns.joined(separator: ", ")))")
        }
    }

    private func readPriorRun() throws(OutputError) -> PriorRun {
        let run = try connection.query("SELECT finished_at IS NOT NULL, documents, failed FROM \(runs) WHERE run_key = $1", [runKey]).first
        if let run, run[0] == "t" { return .complete(documents: Int(run[1] ?? "") ?? 0, failed: Int(run[2] ?? "") ?? 0) }
        let rows = try integer("SELECT count(*) FROM \(records) WHERE run_key = $1")
        return run == nil && rows == 0 ? .none : .interrupted(documents: rows)
    }

    /// One integer a query about this run key returns.
    private func integer(_ sql: String) throws(OutputError) -> Int {
        let value = try connection.query(sql, [runKey]).first?.first ?? nil
        return value.flatMap { Int($0) } ?? 0
    }

    public func begin(resume: Bool, description: [UInt8]) throws(OutputError) -> Int {
        precondition(!begun, "begin called twice")
        let describe = String(decoding: description, as: UTF8.self)
        try connection.execute("BEGIN")
        do throws(OutputError) {
            switch (priorRun, resume) {
            case (.complete(let documents, _), _):
                throw OutputError(destinationName, "run \(runKey) is already complete in table \(table.name) (\(documents) rows)")
            case (.none, true):
                throw OutputError(destinationName, "cannot resume: table \(table.name) holds no run with key \(runKey) (the inputs, pipeline or options differ from the interrupted run, or it never started)")
            case (.interrupted(let documents), true):
                let last = try integer("SELECT coalesce(max(ordinal), 0) FROM \(records) WHERE run_key = $1")
                guard last == documents else {
                    throw OutputError(destinationName, "cannot resume: run \(runKey) has \(documents) rows but its last ordinal is \(last)")
                }
                documentsCommitted = documents
                failedCommitted = try integer("SELECT count(*) FROM \(records) WHERE run_key = $1 AND error_code IS NOT NULL")
                try connection.query(
                    "INSERT INTO \(runs) (run_key, description, started_at) VALUES ($1, $2, now()) ON CONFLICT (run_key) DO NOTHING",
                    [runKey, describe])
            case (.interrupted, false):
                try connection.query("DELETE FROM \(records) WHERE run_key = $1", [runKey])
                try connection.query("DELETE FROM \(runs) WHERE run_key = $1", [runKey])
                try connection.query("INSERT INTO \(runs) (run_key, description, started_at) VALUES ($1, $2, now())", [runKey, describe])
            case (.none, false):
                try connection.query("INSERT INTO \(runs) (run_key, description, started_at) VALUES ($1, $2, now())", [runKey, describe])
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        documentsSent = documentsCommitted
        failedSent = failedCommitted
        copyStatement = "COPY \(records) (\(table.columns(.postgres).map(\.name).joined(separator: ", "))) FROM STDIN"
        begun = true
        return documentsCommitted
    }

    /// Encodes the chunk's rows and streams them into the open COPY (starting one when none is
    /// open); once the COPY has been open for `commitInterval`, ends it so that the server
    /// commits it while the coordinator goes on with the next chunks. Its outcome is read before
    /// the next COPY starts (or by `finish`/`suspend`); a failure there is this write's error.
    public func write(_ result: ChunkResult) throws(OutputError) {
        precondition(begun && !closed, "write outside begin…finish")
        let ordinal = try rows.encode(result.records, failedPositions: result.failedPositions, after: documentsSent)
        if connection.copyState != .streaming {
            try awaitEnded()
            try connection.startCopy(copyStatement)
            copyStarted = .now
        }
        try connection.sendCopyData(rows.bytes)
        documentsSent = ordinal
        failedSent += rows.failed
        bytesWritten += result.records.count
        if ContinuousClock.now - copyStarted >= commitInterval { endCopy() }
    }

    /// Ends the open COPY: the server commits the whole chunks sent in it.
    private func endCopy() {
        guard connection.copyState == .streaming else { return }
        connection.endCopy()
        documentsEnded = documentsSent
        failedEnded = failedSent
    }

    /// Waits for the outcome of the COPY ended last: its rows count as committed once the
    /// server confirms them; when it failed, none of them does (nor anything sent after).
    private func awaitEnded() throws(OutputError) {
        guard connection.copyState == .ended else { return }
        do {
            try connection.copyOutcome()
        } catch {
            documentsSent = documentsCommitted
            failedSent = failedCommitted
            throw error
        }
        documentsCommitted = documentsEnded
        failedCommitted = failedEnded
    }

    /// Commits the open COPY, then marks the run complete, with its row and error counts.
    public func finish() throws(OutputError) {
        guard !closed else { return }
        closed = true
        guard begun else { return }
        endCopy()
        try awaitEnded()
        // The counts as they were sent and confirmed: the run's rows are exactly ordinals 1…n
        // (checked when it resumed), so reading the whole run back to count it (two scans of
        // the table at the end of every run) would only repeat them.
        try connection.query(
            "UPDATE \(runs) SET finished_at = now(), documents = $2, failed = $3 WHERE run_key = $1",
            [runKey, String(documentsCommitted), String(failedCommitted)])
    }

    /// Stops without marking the run complete: the chunks sent so far are committed (every
    /// `write` sends whole chunks, so they are a run of whole chunks), and the sink waits for
    /// the server to confirm them, so that `documentsCommitted` is exact for the message that
    /// tells the user what `--resume` continues after. A failure leaves the last confirmed
    /// count, which is then what the table holds.
    public func abandon() {
        guard !closed else { return }
        closed = true
        endCopy()
        try? awaitEnded()
    }
}
