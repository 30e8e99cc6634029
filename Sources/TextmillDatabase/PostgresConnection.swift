internal import CLibPQ
import TextmillOutput

#if canImport(Glibc)
import Glibc
#endif

/// A libpq connection: plain statements, parameterized queries (values never spliced into
/// SQL) and `COPY … FROM STDIN`. Error messages are libpq's and the server's, which never
/// contain the password; as a second guard, the value of `PGPASSWORD` is masked in them.
public final class PostgresConnection {
    /// How messages name the server (the URL, which holds no password).
    public let name: String
    private let handle: OpaquePointer

    /// Connects with `url` (libpq's URL syntax); client encoding UTF-8, notices off.
    public init(url: PostgresURL) throws(OutputError) {
        name = url.name
        let keywords = ["dbname", "client_encoding", "fallback_application_name", "connect_timeout"]
        let values = [url.connectionURL, "UTF8", "textmill", "10"]
        let cKeywords = keywords.map { strdup($0) } + [nil]
        let cValues = values.map { strdup($0) } + [nil]
        defer { (cKeywords + cValues).forEach { free($0) } }
        let connection = cKeywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { k in
            cValues.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
        guard let connection else { throw OutputError(url.name, "cannot connect: out of memory") }
        handle = connection  // from here on, deinit finishes it
        guard PQstatus(connection) == CONNECTION_OK else {
            throw OutputError(url.name, "cannot connect to PostgreSQL: \(Self.clean(String(cString: PQerrorMessage(connection))))")
        }
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Runs statements without parameters.
    public func execute(_ sql: String) throws(OutputError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    /// Runs one statement with text parameters (`$1`, `$2`, … ; nil is NULL) and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(OutputError) -> [[String?]] {
        let cValues = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { cValues.forEach { free($0) } }
        let result = cValues.map { UnsafePointer($0) }.withUnsafeBufferPointer {
            PQexecParams(handle, sql, Int32(parameters.count), nil, $0.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, sql)
        let rows = PQntuples(result), columns = PQnfields(result)
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }

    /// Runs `COPY … FROM STDIN` with `data` (in the statement's format); the COPY is one
    /// statement, so without an explicit transaction it commits or fails as a whole.
    public func copyIn(_ sql: String, data: [UInt8]) throws(OutputError) {
        try sendCopy(sql, data: data)
        try finishCopy()
    }

    /// The statement of the COPY sent by `sendCopy` whose outcome `finishCopy` has not read yet.
    public private(set) var pendingCopy: String?

    /// Starts `COPY … FROM STDIN` and sends all of `data` and the end of the copy, without
    /// waiting for the server to store the rows: the server works on them while the caller
    /// prepares the next batch. `finishCopy` reads the outcome (nothing else may be sent before).
    public func sendCopy(_ sql: String, data: [UInt8]) throws(OutputError) {
        precondition(pendingCopy == nil, "sendCopy before the previous COPY's finishCopy")
        let start = PQexec(handle, sql)
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            defer { PQclear(start) }
            try check(start, sql)
            throw OutputError(name, "COPY did not start")
        }
        PQclear(start)
        pendingCopy = sql
        let sent = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        let ended = sent == 1 ? PQputCopyEnd(handle, nil) : -1
        if sent != 1 || ended != 1 {
            let failure = OutputError(name, "COPY failed: \(errorMessage)")
            drainResults()
            pendingCopy = nil
            throw failure
        }
    }

    /// Waits for the outcome of the COPY `sendCopy` sent (committed, or failed as a whole); does
    /// nothing when none is pending.
    public func finishCopy() throws(OutputError) {
        guard let sql = pendingCopy else { return }
        pendingCopy = nil
        var failure: OutputError?
        while let result = PQgetResult(handle) {
            if failure == nil { do throws(OutputError) { try check(result, sql) } catch { failure = error } }
            PQclear(result)
        }
        if let failure { throw failure }
    }

    private func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Whether the connection still works (false after the server went away).
    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    private var errorMessage: String { Self.clean(String(cString: PQerrorMessage(handle))) }

    private func check(_ result: OpaquePointer?, _ sql: String) throws(OutputError) {
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK { return }
        let message = result.map { String(cString: PQresultErrorMessage($0)) } ?? ""
        let statement = sql.split(separator: " ").prefix(2).joined(separator: " ")
        throw OutputError(name, "PostgreSQL error (\(statement)): \(Self.clean(message.isEmpty ? String(cString: PQerrorMessage(handle)) : message))")
    }

    /// One line, and never the password from the environment.
    static func clean(_ message: String) -> String {
        var text = message.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters() }.joined(separator: "; ")
        if let password = getenv("PGPASSWORD").map({ String(cString: $0) }), password.count >= 1 {
            text = text.replacingOccurrences(of: password, with: "***")
        }
        return text
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
