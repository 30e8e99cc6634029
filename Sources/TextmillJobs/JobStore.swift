import TextmillDatabase
import TextmillJSON
import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// The job table in SQLite (`STATE_DIR/jobs.sqlite`): each change is one statement committed
/// (WAL, `synchronous=FULL`) before the caller goes on to acknowledge it. A lock file keeps a
/// second server off the same state directory.
final class JobStore {
    let path: String
    private let database: SQLiteDatabase
    private let lockDescriptor: Int32

    static let columns = """
        sequence, id, priority, state, params, submitted_at, started_at, finished_at, attempts, not_before,
        documents, documents_failed, bytes_read, total_bytes, bytes_written, worker_restarts, resumed_after,
        error, outputs, cancel_requested
        """

    init(directory: String) throws(RunFailure) {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw RunFailure("--state-dir \(directory): cannot create it: \(String(cString: strerror(errno)))")
        }
        let lockPath = directory + "/server.lock"
        lockDescriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lockDescriptor >= 0 else { throw RunFailure("\(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            throw RunFailure("--state-dir \(directory) is in use by another textmill serve")
        }
        path = directory + "/jobs.sqlite"
        do {
            database = try SQLiteDatabase(path: path)
            try database.useWriteAheadLog()
            try database.execute("PRAGMA synchronous=FULL")
            try database.execute("""
                CREATE TABLE IF NOT EXISTS jobs (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    priority INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    params TEXT NOT NULL,
                    submitted_at REAL NOT NULL,
                    started_at REAL,
                    finished_at REAL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    not_before REAL NOT NULL DEFAULT 0,
                    documents INTEGER NOT NULL DEFAULT 0,
                    documents_failed INTEGER NOT NULL DEFAULT 0,
                    bytes_read INTEGER NOT NULL DEFAULT 0,
                    total_bytes INTEGER,
                    bytes_written INTEGER NOT NULL DEFAULT 0,
                    worker_restarts INTEGER NOT NULL DEFAULT 0,
                    resumed_after INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    outputs TEXT NOT NULL DEFAULT '[]',
                    cancel_requested INTEGER NOT NULL DEFAULT 0
                )
                """)
        } catch {
            close(lockDescriptor)
            throw RunFailure("job store: \(error)")
        }
    }

    deinit { close(lockDescriptor) }

    /// Adds a queued job; returns its sequence number.
    func insert(id: String, priority: Int, params: String, submittedAt: Double) throws(RunFailure) -> Int {
        do {
            let rows = try database.query(
                "INSERT INTO jobs (id, priority, state, params, submitted_at) VALUES (?, ?, 'queued', ?, ?) RETURNING sequence",
                [.text(id), .integer(Int64(priority)), .text(params), .real(submittedAt)])
            guard let sequence = rows.first?.first?.intValue else { throw RunFailure("job store: no sequence for \(id)") }
            return sequence
        } catch let error as RunFailure {
            throw error
        } catch {
            throw RunFailure("job store: \(error)", kind: .transient)
        }
    }

    /// Writes every field of `job` that can change.
    func update(_ job: JobRecord) throws(RunFailure) {
        let outputs = JSONValue.array(job.outputs.map { .string($0) }).jsonText
        do {
            try database.query("""
                UPDATE jobs SET state = ?, started_at = ?, finished_at = ?, attempts = ?, not_before = ?, documents = ?,
                    documents_failed = ?, bytes_read = ?, total_bytes = ?, bytes_written = ?, worker_restarts = ?,
                    resumed_after = ?, error = ?, outputs = ?, cancel_requested = ?
                WHERE id = ?
                """,
                [.text(job.state.rawValue), job.startedAt.map { .real($0) } ?? .null, job.finishedAt.map { .real($0) } ?? .null,
                 .integer(Int64(job.attempts)), .real(job.notBefore), .integer(Int64(job.progress.documents)),
                 .integer(Int64(job.progress.failed)), .integer(Int64(job.progress.bytesRead)),
                 job.progress.totalBytes.map { .integer(Int64($0)) } ?? .null, .integer(Int64(job.progress.bytesWritten)),
                 .integer(Int64(job.progress.workerRestarts)), .integer(Int64(job.progress.resumedAfter)),
                 job.error.map { .text($0) } ?? .null, .text(outputs), .integer(job.cancelRequested ? 1 : 0), .text(job.id)])
        } catch {
            throw RunFailure("job store: \(error)", kind: .transient)
        }
    }

    /// Every job, in submission order.
    func all() throws(RunFailure) -> [JobRecord] {
        let rows: [[DatabaseValue]]
        do { rows = try database.query("SELECT \(Self.columns) FROM jobs ORDER BY sequence") } catch {
            throw RunFailure("job store: \(error)")
        }
        return rows.compactMap { row in
            guard row.count == 20, let sequence = row[0].intValue, let id = row[1].stringValue, let state = row[3].stringValue.flatMap(JobState.init),
                let params = row[4].stringValue
            else { return nil }
            var job = JobRecord(id: id, sequence: sequence, priority: row[2].intValue ?? 0, state: state, params: params,
                                submittedAt: row[5].doubleValue ?? 0)
            job.startedAt = row[6].doubleValue
            job.finishedAt = row[7].doubleValue
            job.attempts = row[8].intValue ?? 0
            job.notBefore = row[9].doubleValue ?? 0
            job.progress.documents = row[10].intValue ?? 0
            job.progress.failed = row[11].intValue ?? 0
            job.progress.bytesRead = row[12].intValue ?? 0
            job.progress.totalBytes = row[13].intValue
            job.progress.bytesWritten = row[14].intValue ?? 0
            job.progress.workerRestarts = row[15].intValue ?? 0
            job.progress.resumedAfter = row[16].intValue ?? 0
            job.error = row[17].stringValue
            job.outputs = (row[18].stringValue.flatMap { try? JSONValue.parse($0) }?.arrayValue ?? []).compactMap(\.stringValue)
            job.cancelRequested = row[19].intValue == 1
            return job
        }
    }
}

extension DatabaseValue {
    var doubleValue: Double? {
        switch self {
        case .real(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }
}
