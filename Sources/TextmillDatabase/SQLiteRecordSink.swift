import TextmillDocuments
import TextmillJSON
import TextmillOutput

/// Records into an SQLite table: one row per document through a prepared statement, in WAL
/// mode. One transaction takes whole chunks for up to `commitInterval` or `commitBytes` of
/// records, whichever comes first (a transaction per 64-document chunk spent more on rewriting
/// the table's last pages and the WAL frames of every commit than on the rows themselves), so a
/// transaction never holds part of a chunk. The `record` column holds each JSONL line exactly as
/// the file output would have it (without its newline).
public final class SQLiteRecordSink: DatabaseRecordSink {
    public let database: SQLiteDatabase
    public let table: DatabaseTable
    public let runKey: String
    public private(set) var priorRun: PriorRun = .none
    /// How long one transaction stays open for more chunks; zero commits every chunk on its own.
    public let commitInterval: Duration
    /// The record bytes after which the open transaction is committed however young it is, so
    /// that the WAL (and what a kill makes `--resume` redo) stays small.
    public let commitBytes: Int
    public private(set) var documentsCommitted = 0
    /// The last ordinal written: committed, or in the open transaction.
    private var documentsWritten = 0
    /// Error records committed (a resumed run's included) and written.
    private var failedCommitted = 0
    private var failedWritten = 0
    /// The rows of the chunk being written, read before any is inserted, and how many of
    /// them will have an `error_code`.
    private var chunkRows: [(range: Range<Int>, ordinal: Int, fields: RecordFields)] = []
    private var chunkFailed = 0
    /// Record bytes in the open transaction, and when it began.
    private var pendingBytes = 0
    private var transactionStarted = ContinuousClock.now
    public private(set) var bytesWritten = 0
    public var destinationName: String { "sqlite:" + database.path }

    /// Checkpoints beside the writer while a run writes (`SQLiteCheckpointer`).
    private var checkpointer: SQLiteCheckpointer?
    private var insert: SQLiteStatement?
    private var begun = false
    private var inTransaction = false
    private var closed = false
    private var scratch: [UInt8] = []

    /// The page size of a database the sink creates (an existing file keeps its own). Rows are
    /// appended in key order, so a page is filled once and never split; larger pages mean fewer
    /// WAL frames, write calls and B-tree pages per row (measured in docs/databases.md).
    static let newDatabasePageSize = 32768

    /// Opens the database, creates the tables when missing (checks them when present) and
    /// reads what it holds for `runKey`.
    public init(
        path: String, table: DatabaseTable, runKey: String, busyTimeout: Double = 5,
        commitInterval: Duration = .seconds(1), commitBytes: Int = 4 << 20
    ) throws(OutputError) {
        database = try SQLiteDatabase(path: path, busyTimeout: busyTimeout)
        self.table = table
        self.runKey = runKey
        self.commitInterval = commitInterval
        self.commitBytes = commitBytes
        // Only takes effect while the file is still empty (before WAL mode writes its header).
        try database.execute("PRAGMA page_size = \(Self.newDatabasePageSize)")
        try database.useWriteAheadLog()
        let checkpointer = try SQLiteCheckpointer(path: path)
        database.walCommitHandler = { frames in checkpointer.committed(frames: frames) }
        self.checkpointer = checkpointer
        try ensureSchema()
        priorRun = try readPriorRun()
    }

    private func ensureSchema() throws(OutputError) {
        try database.execute("BEGIN IMMEDIATE")
        do {
            try database.execute(table.createStatement(.sqlite))
            try database.execute(table.createRunsStatement(.sqlite))
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        let found = try database.query("SELECT name, type FROM pragma_table_info(?)", [.text(table.name)])
            .map { (name: $0[0].description, type: $0[1].description) }
        if let refusal = table.refusal(found: found, dialect: .sqlite) { throw OutputError(destinationName, refusal) }
        let runs = try database.query("SELECT name FROM pragma_table_info(?)", [.text(table.runsName)]).map(\.[0].description)
        if runs != DatabaseTable.runsColumns {
            throw OutputError(destinationName, "table \(table.runsName) exists with other columns (\(runs.joined(separator: ", "))); textmill keeps its runs there (\(DatabaseTable.runsColumns.joined(separator: ", ")))")
        }
    }

    private var records: String { DatabaseTable.quoted(table.name) }
    private var runs: String { DatabaseTable.quoted(table.runsName) }

    private func readPriorRun() throws(OutputError) -> PriorRun {
        let run = try database.query("SELECT finished_at, documents, failed FROM \(runs) WHERE run_key = ?", [.text(runKey)]).first
        if let run, run[0] != .null { return .complete(documents: run[1].intValue ?? 0, failed: run[2].intValue ?? 0) }
        let rows = try database.query("SELECT count(*) FROM \(records) WHERE run_key = ?", [.text(runKey)]).first?.first?.intValue ?? 0
        return run == nil && rows == 0 ? .none : .interrupted(documents: rows)
    }

    public func begin(resume: Bool, description: [UInt8]) throws(OutputError) -> Int {
        precondition(!begun, "begin called twice")
        try transaction { () throws(OutputError) in
            // Read again inside the write lock: another writer may have moved on since opening.
            priorRun = try readPriorRun()
            switch (priorRun, resume) {
            case (.complete(let documents, _), _):
                throw OutputError(destinationName, "run \(runKey) is already complete in table \(table.name) (\(documents) rows)")
            case (.none, true):
                throw OutputError(destinationName, "cannot resume: table \(table.name) holds no run with key \(runKey) (the inputs, pipeline or options differ from the interrupted run, or it never started)")
            case (.interrupted(let documents), true):
                let last = try database.query("SELECT coalesce(max(ordinal), 0) FROM \(records) WHERE run_key = ?", [.text(runKey)])
                    .first?.first?.intValue ?? 0
                guard last == documents else {
                    throw OutputError(destinationName, "cannot resume: run \(runKey) has \(documents) rows but its last ordinal is \(last)")
                }
                documentsCommitted = documents
                failedCommitted = try database.query(
                    "SELECT count(*) FROM \(records) WHERE run_key = ? AND error_code IS NOT NULL", [.text(runKey)]).first?.first?.intValue ?? 0
                if try database.query("SELECT 1 FROM \(runs) WHERE run_key = ?", [.text(runKey)]).isEmpty {
                    try insertRun(description)
                }
            case (.interrupted, false):
                try database.query("DELETE FROM \(records) WHERE run_key = ?", [.text(runKey)])
                try database.query("DELETE FROM \(runs) WHERE run_key = ?", [.text(runKey)])
                try insertRun(description)
            case (.none, false):
                try insertRun(description)
            }
        }
        let columns = table.columns(.sqlite).map(\.name)
        let statement = try database.prepare(
            "INSERT INTO \(records) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        try statement.bind(.text(runKey), at: 1)
        insert = statement
        begun = true
        documentsWritten = documentsCommitted
        failedWritten = failedCommitted
        return documentsCommitted
    }

    private func insertRun(_ description: [UInt8]) throws(OutputError) {
        try database.query(
            "INSERT INTO \(runs) (run_key, description, started_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            [.text(runKey), .text(String(decoding: description, as: UTF8.self))])
    }

    /// Runs `body` in one write transaction, rolled back if it throws.
    private func transaction(_ body: () throws(OutputError) -> Void) throws(OutputError) {
        try database.execute("BEGIN IMMEDIATE")
        inTransaction = true
        do {
            try body()
            try database.execute("COMMIT")
            inTransaction = false
        } catch {
            try? database.execute("ROLLBACK")
            inTransaction = false
            throw error
        }
    }

    /// Inserts the chunk's rows into the open transaction (beginning one when none is open) and
    /// commits once the transaction is `commitInterval` old or holds `commitBytes`. Every record
    /// is read before the first row goes in, so a chunk with a record that is not one of
    /// textmill's is refused whole and the chunks before it stay (committed by the next write,
    /// `finish` or `abandon`). When SQLite itself fails an insert (a full disk, a duplicate key),
    /// the whole open transaction is rolled back: the table keeps only committed chunks.
    public func write(_ result: ChunkResult) throws(OutputError) {
        let records = result.records
        guard let insert else { preconditionFailure("write before begin") }
        chunkRows.removeAll(keepingCapacity: true)
        chunkFailed = 0
        let last = try RecordLines.forEach(in: records, failedPositions: result.failedPositions, after: documentsWritten) {
            (line, range, ordinal, isError) throws(OutputError) in
            let fields = try RecordFields(line: line, isError: isError, typedColumns: table.typedColumns, ordinal: ordinal)
            if isError && RecordFields.text(fields.errorCode, in: line) != nil { chunkFailed += 1 }
            chunkRows.append((range, ordinal, fields))
        }
        if !inTransaction {
            try database.execute("BEGIN IMMEDIATE")
            inTransaction = true
            transactionStarted = .now
            pendingBytes = 0
        }
        do {
            try records.withUnsafeBufferPointer { (buffer) throws(OutputError) in
                for row in chunkRows {
                    try insertRow(insert, line: UnsafeBufferPointer(rebasing: buffer[row.range]), ordinal: row.ordinal, fields: row.fields)
                }
            }
            documentsWritten = last
            failedWritten += chunkFailed
            pendingBytes += records.count
            bytesWritten += records.count
            if pendingBytes >= commitBytes || ContinuousClock.now - transactionStarted >= commitInterval { try commit() }
        } catch {
            rollBack()
            throw error
        }
    }

    /// Commits the open transaction: every chunk written in it is kept.
    private func commit() throws(OutputError) {
        guard inTransaction else { return }
        try database.execute("COMMIT")
        inTransaction = false
        documentsCommitted = documentsWritten
        failedCommitted = failedWritten
    }

    /// Rolls back the open transaction and everything written in it.
    private func rollBack() {
        guard inTransaction else { return }
        try? database.execute("ROLLBACK")
        inTransaction = false
        documentsWritten = documentsCommitted
        failedWritten = failedCommitted
    }

    private func insertRow(_ insert: SQLiteStatement, line: UnsafeBufferPointer<UInt8>, ordinal: Int, fields: RecordFields) throws(OutputError) {
        try insert.bind(ordinal, at: 2)
        try bindText(fields.id, line, insert, at: 3)
        try insert.bindText(borrowing: line, at: 4)
        try bindText(fields.errorCode, line, insert, at: 5)
        try bindText(fields.errorMessage, line, insert, at: 6)
        for (i, column) in table.typedColumns.enumerated() {
            let index = Int32(7 + i)
            let node = fields.typed[i]
            switch column {
            case .text: try bindText(node, line, insert, at: index)
            case .tokens, .ids:
                if let node, case .array = node {
                    scratch.removeAll(keepingCapacity: true)
                    RecordFields.appendCompactJSON(node, in: line, to: &scratch)
                    try insert.bindText(copying: scratch, at: index)
                } else {
                    try insert.bindNull(at: index)
                }
            case .tokenCount, .sentenceCount:
                if let count = RecordFields.count(node) { try insert.bind(count, at: index) } else { try insert.bindNull(at: index) }
            }
        }
        try insert.step()
    }

    /// Binds a string or number as its text: unescaped strings and numbers straight from the line.
    private func bindText(_ node: JSONNode?, _ line: UnsafeBufferPointer<UInt8>, _ statement: SQLiteStatement, at index: Int32) throws(OutputError) {
        switch node {
        case .string(let span)? where !span.hasEscapes:
            try statement.bindText(borrowing: UnsafeBufferPointer(rebasing: line[span.range]), at: index)
        case .number(let range)?:
            try statement.bindText(borrowing: UnsafeBufferPointer(rebasing: line[range]), at: index)
        default:
            if let text = RecordFields.text(node, in: line) { try statement.bind(.text(text), at: index) } else { try statement.bindNull(at: index) }
        }
    }

    /// Commits the open transaction and marks the run complete, with its row and error counts
    /// (counted as they were written, rather than by reading the whole run back: its rows are
    /// exactly ordinals 1…n, written by this sink or checked when it resumed).
    public func finish() throws(OutputError) {
        guard !closed else { return }
        if begun {
            if !inTransaction { try database.execute("BEGIN IMMEDIATE") }
            inTransaction = true
            do {
                try database.query(
                    "UPDATE \(runs) SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), documents = ?2, failed = ?3 WHERE run_key = ?1",
                    [.text(runKey), .integer(Int64(documentsWritten)), .integer(Int64(failedWritten))])
                try commit()
            } catch {
                rollBack()
                throw error
            }
        }
        close()
    }

    /// Stops without marking the run complete: the whole chunks written so far are committed
    /// (every `write` either adds a whole chunk or rolls back), so they stay for `--resume`, and
    /// `documentsCommitted` says how many there are.
    public func abandon() {
        if (try? commit()) == nil { rollBack() }
        close()
    }

    /// Lets a running checkpoint end and closes its connection first, so that the writer's
    /// connection is the last one and closing it checkpoints the rest and removes the WAL.
    private func close() {
        insert = nil
        closed = true
        checkpointer?.drain()
        database.walCommitHandler = nil
        checkpointer = nil
    }
}
