import TextmillOutput

/// The table a run's records go to: its validated name and the typed columns chosen for it.
///
/// Names are restricted to lowercase ASCII identifiers, so they never need quoting in the
/// user's own queries, and are still always quoted in the SQL textmill builds. Document
/// content never becomes SQL: it only travels as statement parameters or COPY data.
public struct DatabaseTable: Sendable, Equatable {
    public static let defaultName = "textmill_records"
    /// PostgreSQL truncates identifiers past 63 bytes; the name leaves room for `_runs`.
    static let maxNameLength = 58

    public let name: String
    public let typedColumns: [TypedColumn]

    public init(name: String = DatabaseTable.defaultName, typedColumns: [TypedColumn] = []) throws(OutputError) {
        let bytes = Array(name.utf8)
        let valid = !bytes.isEmpty && bytes.count <= Self.maxNameLength && !(bytes[0] >= 0x30 && bytes[0] <= 0x39)
            && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard valid else {
            throw OutputError(
                "table \"\(name)\"",
                "not a valid table name: use lowercase letters, digits and _, not starting with a digit, at most \(Self.maxNameLength) characters")
        }
        self.name = name
        self.typedColumns = typedColumns
    }

    /// The table that records each run: its key, description, and whether it completed.
    public var runsName: String { name + "_runs" }

    /// An identifier in double quotes, a `"` inside doubled as SQL requires. Table names are
    /// validated, so nothing in them needs it; the doubling keeps the quoting safe on its own.
    package static func quoted(_ identifier: String) -> String {
        "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Every column in table order: the fixed ones, then the typed ones in the order chosen.
    func columns(_ dialect: SQLDialect) -> [DatabaseColumn] {
        let fixed: [DatabaseColumn] = [
            DatabaseColumn(name: "run_key", type: dialect.text, notNull: true),
            DatabaseColumn(name: "ordinal", type: dialect.bigint, notNull: true),
            DatabaseColumn(name: "id", type: dialect.text),
            DatabaseColumn(name: "record", type: dialect.json, notNull: true),
            DatabaseColumn(name: "error_code", type: dialect.text),
            DatabaseColumn(name: "error_message", type: dialect.text),
        ]
        return fixed + typedColumns.map { DatabaseColumn(name: $0.rawValue, type: dialect.type(of: $0)) }
    }

    /// `CREATE TABLE IF NOT EXISTS` for the records table.
    package func createStatement(_ dialect: SQLDialect) -> String {
        let columns = columns(dialect).map { "\($0.name) \($0.type.declaration)\($0.notNull ? " NOT NULL" : "")" }
        return "CREATE TABLE IF NOT EXISTS \(Self.quoted(name)) (\(columns.joined(separator: ", ")), PRIMARY KEY (run_key, ordinal))"
    }

    /// `CREATE TABLE IF NOT EXISTS` for the runs table.
    package func createRunsStatement(_ dialect: SQLDialect) -> String {
        "CREATE TABLE IF NOT EXISTS \(Self.quoted(runsName)) (run_key \(dialect.text.declaration) PRIMARY KEY, "
            + "description \(dialect.json.declaration), started_at \(dialect.timestamp.declaration) NOT NULL, "
            + "finished_at \(dialect.timestamp.declaration), documents \(dialect.bigint.declaration), failed \(dialect.bigint.declaration))"
    }

    static let runsColumns = ["run_key", "description", "started_at", "finished_at", "documents", "failed"]

    /// Why an existing table with `found` columns (name and type as the database reports them)
    /// cannot take these records, or nil when it matches exactly.
    func refusal(found: [(name: String, type: String)], dialect: SQLDialect) -> String? {
        let expected = columns(dialect)
        let matches = found.count == expected.count
            && zip(found, expected).allSatisfy { $0.name == $1.name && $1.type.accepts($0.type) }
        if matches { return nil }
        let describe = { (columns: [(String, String)]) in columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ") }
        return "table \(name) exists with other columns (\(describe(found))); textmill writes (\(describe(expected.map { ($0.name, $0.type.declaration) })))"
            + ": choose another table, other typed columns, or drop it"
    }
}
