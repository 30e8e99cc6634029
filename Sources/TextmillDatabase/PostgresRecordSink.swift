import TextmillDocuments
import TextmillJSON
import TextmillOutput

/// Records into a PostgreSQL table through libpq: each chunk is one `COPY … FROM STDIN` (text
/// format, see `PostgresCopyEncoder`), a single statement and so a single transaction: a chunk
/// is committed whole or not at all, even when the server or textmill dies in the middle.
///
/// The `record` column is `jsonb` (PostgreSQL normalizes key order and white space, so it
/// equals the JSONL record as JSON, not byte for byte). A session-level advisory lock on the
/// table and run key keeps two processes from writing the same run at once.
public final class PostgresRecordSink: DatabaseRecordSink {
    public let connection: PostgresConnection
    public let table: DatabaseTable
    public let runKey: String
    public private(set) var priorRun: PriorRun = .none
    public private(set) var documentsCommitted = 0
    /// Documents sent, the last chunk's perhaps not yet committed (see `write`).
    private var documentsSent = 0
    public private(set) var bytesWritten = 0
    public var destinationName: String { connection.name }

    private var copyStatement = ""
    private var rows: PostgresCopyRows
    private var begun = false
    private var closed = false

    /// Connects, creates the tables when missing (checks them when present), takes the run's
    /// lock and reads what the table holds for `runKey`.
    public init(url: PostgresURL, table: DatabaseTable, runKey: String) throws(OutputError) {
        connection = try PostgresConnection(url: url)
        self.table = table
        self.runKey = runKey
        rows = PostgresCopyRows(table: table, runKey: runKey)
        let locked = try connection.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [table.name + "\u{1}" + runKey])
        guard locked.first?.first == "t" else {
            throw OutputError(destinationName, "another textmill process is writing run \(runKey) into table \(table.name)")
        }
        try ensureSchema()
        priorRun = try readPriorRun()
        // Chunks commit asynchronously: the server acknowledges a COPY before its WAL reaches
        // the disk, instead of one disk flush per chunk. A chunk stays atomic either way; a
        // server crash can lose the last few acknowledged chunks, and since --resume reads how
        // far the run got from the table itself, it simply writes them again. `finish` commits
        // synchronously, which flushes every earlier commit too: a completed run is durable.
        try connection.execute("SET synchronous_commit = off")
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
        copyStatement = "COPY \(records) (\(table.columns(.postgres).map(\.name).joined(separator: ", "))) FROM STDIN"
        begun = true
        return documentsCommitted
    }

    /// Encodes the chunk's rows, then reads the outcome of the previous chunk's COPY and sends
    /// this one's without waiting for it: the server stores chunk N while the coordinator encodes
    /// chunk N + 1 (and reads input, and feeds the workers) instead of the two taking turns.
    /// A failed COPY is reported by the next `write` or by `finish`.
    public func write(_ result: ChunkResult) throws(OutputError) {
        precondition(begun, "write before begin")
        let ordinal = try rows.encode(result.records, failedPositions: result.failedPositions, after: documentsSent)
        try awaitSent()
        try connection.sendCopy(copyStatement, data: rows.bytes)
        documentsSent = ordinal
        bytesWritten += result.records.count
    }

    /// Waits until the chunk sent last is committed (or throws its error).
    private func awaitSent() throws(OutputError) {
        try connection.finishCopy()
        documentsCommitted = documentsSent
    }

    /// Marks the run complete, with its row and error counts.
    public func finish() throws(OutputError) {
        guard !closed else { return }
        closed = true
        guard begun else { return }
        try awaitSent()
        try connection.execute("BEGIN; SET LOCAL synchronous_commit = on")
        try connection.query(
            """
            UPDATE \(runs) SET finished_at = now(),
              documents = (SELECT count(*) FROM \(records) WHERE run_key = $1),
              failed = (SELECT count(*) FROM \(records) WHERE run_key = $1 AND error_code IS NOT NULL)
            WHERE run_key = $1
            """, [runKey])
        try connection.execute("COMMIT")
    }

    /// Stops without marking the run complete; committed chunks stay for `--resume`. (Nothing is
    /// open between chunks: each COPY committed or rolled back on its own.)
    public func abandon() {
        closed = true
        // The chunk in flight commits or fails on its own; wait for it so `documentsCommitted` is exact.
        try? awaitSent()
    }
}
