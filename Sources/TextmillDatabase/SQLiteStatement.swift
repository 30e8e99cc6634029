internal import CSQLite
import TextmillOutput

/// A prepared statement, reused row after row (bind, step, reset) on the write path.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(_ handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ value: DatabaseValue, at index: Int32) throws(OutputError) {
        switch value {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .integer(let i): try check(sqlite3_bind_int64(handle, index, i))
        case .real(let d): try check(sqlite3_bind_double(handle, index, d))
        case .text(let s):
            var s = s
            let rc = s.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) {
                    textmill_sqlite3_bind_text_transient(handle, index, $0.baseAddress, Int32($0.count))
                }
            }
            try check(rc)
        }
    }

    func bind(_ value: Int, at index: Int32) throws(OutputError) { try check(sqlite3_bind_int64(handle, index, Int64(value))) }

    func bindNull(at index: Int32) throws(OutputError) { try check(sqlite3_bind_null(handle, index)) }

    /// Binds bytes without copying: they must stay valid until the next `step` and `reset`.
    func bindText(borrowing bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws(OutputError) {
        // A zero-length text needs a non-null pointer, or SQLite binds NULL.
        let empty: StaticString = ""
        let base = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(empty.utf8Start)
        try check(textmill_sqlite3_bind_text_static(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count)))
    }

    /// Binds bytes that SQLite copies.
    func bindText(copying bytes: [UInt8], at index: Int32) throws(OutputError) {
        let empty: StaticString = ""
        let rc = bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(empty.utf8Start)
            return textmill_sqlite3_bind_text_transient(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(buffer.count))
        }
        try check(rc)
    }

    /// Runs the statement one step: true when a row is ready, false when done (then reset).
    @discardableResult
    func step() throws(OutputError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if rc == SQLITE_DONE { return false }
        throw database.error(rc, database.lastMessage)
    }

    var row: [DatabaseValue] {
        (0..<sqlite3_column_count(handle)).map { (column) -> DatabaseValue in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: return .null
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
            default:
                let count = Int(sqlite3_column_bytes(handle, column))
                guard let text = sqlite3_column_text(handle, column) else { return .text("") }
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
            }
        }
    }

    private func check(_ rc: Int32) throws(OutputError) {
        if rc != SQLITE_OK { throw database.error(rc, database.lastMessage) }
    }
}
