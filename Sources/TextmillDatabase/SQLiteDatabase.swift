internal import CSQLite
import TextmillOutput

/// A connection to an SQLite database file: WAL mode, a busy timeout, and errors that say
/// plainly when another process holds the lock.
public final class SQLiteDatabase {
    public let path: String
    let handle: OpaquePointer
    let busyTimeout: Double
    /// Called after each commit with the number of frames in the WAL; when it returns true,
    /// the connection checkpoints (passively) at once. Setting one turns SQLite's own automatic
    /// checkpoint off, as any WAL hook does; nil turns it back on. See `SQLiteCheckpointer`.
    var walCommitHandler: ((_ frames: Int32) -> Bool)? {
        didSet {
            guard walCommitHandler != nil else {
                sqlite3_wal_autocheckpoint(handle, 1000)
                return
            }
            // The context is the connection itself: the hook cannot outlive the handle.
            sqlite3_wal_hook(handle, { context, db, _, frames in
                guard let context else { return SQLITE_OK }
                let database = Unmanaged<SQLiteDatabase>.fromOpaque(context).takeUnretainedValue()
                if database.walCommitHandler?(frames) == true {
                    _ = sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    /// Opens (creating when missing) the database at `path`; waits up to `busyTimeout` seconds
    /// for another connection's lock before reporting the database as locked.
    public init(path: String, busyTimeout: Double = 5) throws(OutputError) {
        self.path = path
        self.busyTimeout = busyTimeout
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw OutputError(path, "cannot open the SQLite database: \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(min(busyTimeout * 1000, Double(Int32.max))))
    }

    deinit { sqlite3_close_v2(handle) }

    /// Switches to write-ahead logging (readers never block the writer; a commit is one append)
    /// with `synchronous=NORMAL`: a commit survives a killed process, and after a power loss
    /// the database is intact, possibly without its last commits (which a resume redoes).
    public func useWriteAheadLog() throws(OutputError) {
        let mode = try query("PRAGMA journal_mode=WAL").first?.first?.stringValue?.lowercased()
        guard mode == "wal" else { throw OutputError(path, "cannot switch to WAL mode (journal mode stays \(mode ?? "unknown"))") }
        try execute("PRAGMA synchronous=NORMAL")
    }

    /// Copies committed WAL frames into the database file (`SQLITE_CHECKPOINT_PASSIVE`: as many
    /// as it can without waiting for other connections); the result code.
    @discardableResult
    func checkpoint(mode: Int32) -> Int32 {
        sqlite3_wal_checkpoint_v2(handle, nil, mode, nil, nil)
    }

    /// Runs one or more statements without parameters.
    public func execute(_ sql: String) throws(OutputError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw error(rc, text)
        }
    }

    /// Runs one statement with parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [DatabaseValue] = []) throws(OutputError) -> [[DatabaseValue]] {
        let statement = try prepare(sql)
        for (i, parameter) in parameters.enumerated() { try statement.bind(parameter, at: Int32(i + 1)) }
        var rows: [[DatabaseValue]] = []
        while try statement.step() { rows.append(statement.row) }
        return rows
    }

    func prepare(_ sql: String) throws(OutputError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc, lastMessage) }
        return SQLiteStatement(statement, database: self)
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The error for result code `rc`; a locked database says so in words.
    func error(_ rc: Int32, _ message: String) -> OutputError {
        if rc & 0xFF == SQLITE_BUSY || rc & 0xFF == SQLITE_LOCKED {
            let waited = busyTimeout == busyTimeout.rounded() ? String(Int(busyTimeout)) : String(busyTimeout)
            return OutputError(path, "the database is locked by another connection (waited \(waited) s for it): \(message)")
        }
        return OutputError(path, "SQLite error: \(message)")
    }
}
