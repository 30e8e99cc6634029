import ArgumentParser
import TextmillDatabase
import TextmillRun

/// `--sink`, `--db-table`, `--db-columns`, `--db-busy-timeout`, `--db-commit-interval`: records into a database table
/// (SQLite or PostgreSQL) instead of a file; `-o PATH.sqlite` or `-o PATH.db` means SQLite too.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Write records into a database: sqlite:PATH, or postgresql://USER@HOST[:PORT]/DB[?table=NAME] (password only from PGPASSWORD or ~/.pgpass; other PG* variables apply). -o PATH.sqlite or PATH.db means SQLite.")
    var sink: String?

    @Option(help: "The table for database output (default \(DatabaseTable.defaultName); lowercase letters, digits and _).")
    var dbTable: String?

    @Option(help: "Typed columns besides the record, comma-separated: \(TypedColumn.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dbColumns: String?

    @Option(help: "Seconds to wait for another connection's lock on an SQLite database before giving up.")
    var dbBusyTimeout: Double = 5

    @Option(help: "Seconds of chunks one transaction takes (0: every chunk on its own; SQLite also commits every 4 MiB of records); an interruption redoes at most that much.")
    var dbCommitInterval: Double = 1

    /// Copies these options into `request`.
    func fill(_ request: inout RunRequest) {
        request.sink = sink
        request.dbTable = dbTable
        request.dbColumns = dbColumns
        request.dbBusyTimeout = dbBusyTimeout
        request.dbCommitInterval = dbCommitInterval
    }
}
