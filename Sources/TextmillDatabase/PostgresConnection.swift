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
        try startCopy(sql)
        try sendCopyData(data)
        endCopy()
        try copyOutcome()
    }

    /// Where the connection is in a `COPY … FROM STDIN`: a COPY spans several `sendCopyData`
    /// calls, and its outcome is read after `endCopy`, so the server stores rows while the
    /// caller prepares the next ones.
    public enum CopyState: Sendable, Equatable {
        /// No COPY: any statement may run.
        case idle
        /// Started; `sendCopyData` streams rows.
        case streaming
        /// Ended (or aborted); `copyOutcome` reads whether it committed.
        case ended
    }

    public private(set) var copyState = CopyState.idle
    private var copyStatement = ""

    /// Starts `COPY … FROM STDIN` (one round trip: the server answers that it is ready).
    public func startCopy(_ sql: String) throws(OutputError) {
        precondition(copyState == .idle, "startCopy while a COPY is \(copyState)")
        let start = PQexec(handle, sql)
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            defer { PQclear(start) }
            try check(start, sql)
            throw OutputError(name, "COPY did not start")
        }
        PQclear(start)
        copyStatement = sql
        copyState = .streaming
    }

    /// Sends rows of the COPY `startCopy` began, whole rows at a time. It returns once libpq
    /// has queued them (blocking only while the server is behind), not when they are stored.
    /// When the data cannot be sent, the COPY is aborted, so that none of it commits.
    public func sendCopyData(_ data: [UInt8]) throws(OutputError) {
        precondition(copyState == .streaming, "sendCopyData without a COPY")
        let sent = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else {
            let failure = OutputError(name, "COPY failed: \(errorMessage)")
            // Part of the rows may be queued already: a COPY that ended normally would store
            // them, so it ends with an error, which rolls all of it back.
            abortCopy("textmill could not send the rows")
            drainResults()
            copyState = .idle
            throw failure
        }
    }

    /// Ends the COPY normally: the server stores what was sent, as one transaction, and then
    /// commits. Does not wait for that; `copyOutcome` does. A failure to send the end shows
    /// as the outcome's error.
    public func endCopy() {
        precondition(copyState == .streaming, "endCopy without a COPY")
        _ = PQputCopyEnd(handle, nil)
        copyState = .ended
    }

    /// Ends the COPY with an error: the server rolls back every row of it.
    public func abortCopy(_ reason: String) {
        guard copyState == .streaming else { return }
        _ = PQputCopyEnd(handle, reason)
        copyState = .ended
    }

    /// Waits for the outcome of the COPY `endCopy` or `abortCopy` ended: returns once it is
    /// committed (with the session's `synchronous_commit`, durable), throws when it failed as
    /// a whole. Does nothing when no COPY was ended.
    public func copyOutcome() throws(OutputError) {
        guard copyState == .ended else { return }
        copyState = .idle
        var failure: OutputError?
        while let result = PQgetResult(handle) {
            if failure == nil { do throws(OutputError) { try check(result, copyStatement) } catch { failure = error } }
            PQclear(result)
        }
        if let failure { throw failure }
    }

    private func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// The process id of the server process serving this connection.
    public var backendPID: Int32 { PQbackendPID(handle) }

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
