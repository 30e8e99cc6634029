import TextmillOutput

/// Where database records go, as a sink specification names it: `sqlite:PATH[?table=NAME]`, or a
/// `postgresql://`/`postgres://` URL.
public enum DatabaseDestination: Sendable, Equatable {
    case sqlite(path: String, table: String? = nil)
    case postgres(PostgresURL)

    /// File names that mean an SQLite database when given as an output path.
    public static let sqliteExtensions = [".sqlite", ".sqlite3", ".db"]

    /// Parses a sink specification; nil when it names no database.
    public init?(sink: String) throws(OutputError) {
        if sink.hasPrefix("sqlite:") {
            var path = Substring(sink.dropFirst("sqlite:".count))
            var table: String?
            // `?table=NAME` as in the PostgreSQL URL, so both sinks take the same spelling; a file name
            // with a `?` of its own must come through `-o` instead.
            if let question = path.lastIndex(of: "?") {
                for parameter in path[path.index(after: question)...].split(separator: "&") {
                    guard parameter.hasPrefix("table=") else {
                        throw OutputError(sink, "unknown parameter \"\(parameter)\" (sqlite:PATH takes only ?table=NAME)")
                    }
                    table = String(parameter.dropFirst("table=".count))
                }
                path = path[..<question]
            }
            guard !path.isEmpty else { throw OutputError(sink, "sqlite: needs a file path (sqlite:PATH)") }
            self = .sqlite(path: String(path), table: table)
        } else if PostgresURL.isPostgresURL(sink) {
            self = .postgres(try PostgresURL(sink))
        } else {
            return nil
        }
    }

    /// An output path whose extension names an SQLite database (`out.sqlite`, `out.db`).
    public init?(outputPath: String) {
        guard Self.sqliteExtensions.contains(where: { outputPath.hasSuffix($0) && outputPath.count > $0.count }) else { return nil }
        self = .sqlite(path: outputPath)
    }

    /// The table a `?table=` parameter names, if any.
    public var tableParameter: String? {
        switch self {
        case .sqlite(_, let table): table
        case .postgres(let url): url.table
        }
    }

    /// Opens the sink: connects, checks or creates the schema, reads the run's prior state.
    /// `busyTimeout` applies to SQLite; `commitInterval` (how long one transaction takes whole
    /// chunks) to both.
    public func open(
        table: DatabaseTable, runKey: String, busyTimeout: Double = 5, commitInterval: Duration = .seconds(1)
    ) throws(OutputError) -> any DatabaseRecordSink {
        switch self {
        case .sqlite(let path, _): try SQLiteRecordSink(path: path, table: table, runKey: runKey, busyTimeout: busyTimeout, commitInterval: commitInterval)
        case .postgres(let url): try PostgresRecordSink(url: url, table: table, runKey: runKey, commitInterval: commitInterval)
        }
    }
}
